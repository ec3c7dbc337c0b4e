"""Whether an SVG drawing is safe to publish on the site's own origin: plain shapes, text and styles only.

An SVG opened from the site runs its scripts as the site, and `script-src 'self'` does not stop a script
element that loads another published file. SVG logos and materials are therefore checked, not cleaned: a
cleaned drawing would silently differ from the one the editor sent, and drawing programs can save a plain
one ("Plain SVG" / "Optimized SVG"). Allowed are the elements and attributes of static drawings in the SVG
namespace, the metadata drawing programs add, local references ('#id') and embedded raster images. Anything
else - script, foreignObject, animation, event handlers, links to other files, styles that load something,
entity declarations, processing instructions - is refused with the element or attribute named.
"""
from __future__ import annotations

import re
from xml.parsers import expat

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# What Inkscape, Illustrator and Sketch add: browsers do nothing with these elements and attributes.
EDITOR_NAMESPACES = frozenset({
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
    "http://purl.org/dc/elements/1.1/",
    "http://purl.org/dc/terms/",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
    "http://ns.adobe.com/Extensibility/1.0/",
    "http://ns.adobe.com/Graphs/1.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
    "http://ns.adobe.com/Variables/1.0/",
    "http://ns.adobe.com/ImageReplacement/1.0/",
    "http://ns.adobe.com/xap/1.0/",
    "http://www.bohemiancoding.com/sketch/ns",
})

ELEMENTS = frozenset("""
svg g defs desc title metadata symbol use switch style
path rect circle ellipse line polyline polygon text tspan textPath image
linearGradient radialGradient stop clipPath mask pattern marker filter
feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap
feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode
feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence
""".split())

ATTRIBUTES = frozenset("""
id class style lang tabindex role focusable version baseProfile width height x y viewBox preserveAspectRatio
transform transform-origin x1 y1 x2 y2 cx cy r rx ry fx fy fr d points pathLength
gradientUnits gradientTransform spreadMethod offset stop-color stop-opacity
patternUnits patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits
markerUnits markerWidth markerHeight refX refY orient
filterUnits primitiveUnits in in2 result stdDeviation dx dy mode operator k1 k2 k3 k4 values type
tableValues slope intercept amplitude exponent order kernelMatrix divisor bias targetX targetY edgeMode
kernelUnitLength preserveAlpha surfaceScale diffuseConstant specularConstant specularExponent lighting-color
azimuth elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle scale xChannelSelector yChannelSelector
radius baseFrequency numOctaves seed stitchTiles flood-color flood-opacity
text-anchor dominant-baseline alignment-baseline baseline-shift font font-family font-size font-size-adjust
font-stretch font-style font-variant font-weight letter-spacing word-spacing text-decoration writing-mode
direction unicode-bidi textLength lengthAdjust rotate startOffset method spacing side
fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap stroke-linejoin stroke-miterlimit
stroke-dasharray stroke-dashoffset opacity color color-interpolation color-interpolation-filters
color-rendering color-profile shape-rendering text-rendering image-rendering clip-path clip-rule mask filter
marker-start marker-mid marker-end display visibility overflow clip enable-background paint-order
vector-effect mix-blend-mode isolation requiredFeatures requiredExtensions systemLanguage
href space media
""".split())

_HREF_ELEMENTS = frozenset({"use", "image", "feImage", "linearGradient", "radialGradient", "pattern", "textPath",
                            "filter"})
_RASTER = re.compile(r"^data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$")
# url( that does not go on with '#', "#" or #: it loads something from elsewhere (a bounded look, never a scan)
_FOREIGN_URL = re.compile(r"url\(\s*+(?!['\"]?#)", re.IGNORECASE)
# CSS that loads or runs something: imports, old IE and Firefox behaviours, escapes that could hide them
_CSS_DANGER = re.compile(r"@import|image-set|expression\s*\(|-moz-binding|behavior\s*:|javascript:|\\",
                         re.IGNORECASE)


class _Refused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def svg_problem(data: bytes) -> tuple[int, str] | None:
    """(line, what is wrong) for an SVG that could run script, load another file or is not well-formed XML;
    None for a drawing that is safe to publish."""
    checker = _Checker()
    try:
        checker.parser.Parse(data, True)
    except _Refused as exc:
        return checker.parser.CurrentLineNumber, exc.reason
    except expat.ExpatError as exc:
        return exc.lineno, f"the file is not well-formed XML ({expat.ErrorString(exc.code)})"
    if not checker.saw_root:
        return 1, "the file has no <svg> element"
    return None


class _Checker:
    """Expat handlers that raise _Refused at the first thing outside the allowed subset."""

    def __init__(self) -> None:
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._entity
        self.parser.ProcessingInstructionHandler = self._instruction
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text
        self.parser.ExternalEntityRefHandler = self._external
        self.saw_root = False
        self.style: list[str] | None = None  # the text of the <style> element being read

    @staticmethod
    def _doctype(name: str, system_id: str | None, public_id: str | None, has_internal_subset: int) -> None:
        # Drawing programs still write the SVG 1.1 DOCTYPE line; its own entity declarations are what is dangerous.
        if has_internal_subset:
            raise _Refused("the DOCTYPE declares entities of its own ('<!DOCTYPE svg [ ... ]>')")

    @staticmethod
    def _entity(*_: object) -> None:
        raise _Refused("the file declares XML entities ('<!ENTITY')")

    @staticmethod
    def _external(*_: object) -> int:
        raise _Refused("the file refers to an external XML entity")

    @staticmethod
    def _instruction(target: str, _data: str) -> None:
        raise _Refused(f"the processing instruction '<?{target}' is not allowed (it can load a stylesheet)")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if not self.saw_root:
            if local == "svg" and namespace != SVG:
                raise _Refused(f'the <svg> element lacks xmlns="{SVG}"')
            if (namespace, local) != (SVG, "svg"):
                raise _Refused(f"the file is not an SVG drawing (its first element is <{local}>)")
            self.saw_root = True
        if namespace in EDITOR_NAMESPACES:
            pass
        elif namespace != SVG:
            raise _Refused(f"the element <{local}> of {namespace or 'no namespace'} is not allowed in an SVG")
        elif local not in ELEMENTS:
            raise _Refused(f"the element <{local}> is not allowed in a published SVG"
                           + (" (it can run script)" if local in ("script", "foreignObject", "handler") else
                              " (it can animate links or load other content)" if local.startswith(("animate", "set"))
                              else ""))
        for attribute, value in attributes.items():
            self._attribute(local, namespace, attribute, value)
        if namespace == SVG and local == "style":
            self.style = []

    def _end(self, name: str) -> None:
        # checked whole: expat hands over text in pieces, split at '&#64;' or wherever its buffer ends
        if name == f"{SVG} style" and self.style is not None:
            _check_css("".join(self.style), "the <style> element")
            self.style = None

    def _text(self, text: str) -> None:
        if self.style is not None:
            self.style.append(text)

    @staticmethod
    def _attribute(element: str, element_namespace: str, attribute: str, value: str) -> None:
        namespace, _, local = attribute.rpartition(" ")
        if namespace in EDITOR_NAMESPACES:
            return
        if local.lower().startswith("on"):
            raise _Refused(f"the attribute '{local}' on <{element}> is not allowed (it runs script)")
        if namespace == XML and local in ("space", "lang"):
            return
        if namespace not in ("", XLINK) or (namespace == XLINK and local not in ("href", "title")):
            raise _Refused(f"the attribute '{local}' of {namespace} on <{element}> is not allowed")
        if element_namespace in EDITOR_NAMESPACES:
            return  # metadata of drawing programs: only event handlers matter there
        if local.startswith(("data-", "aria-")):
            return
        if local not in ATTRIBUTES and not (namespace == XLINK and local == "title"):
            raise _Refused(f"the attribute '{local}' on <{element}> is not allowed in a published SVG")
        if local == "href":
            _check_href(element, value)
        elif local == "style":
            _check_css(value, f"the style of <{element}>")
        else:  # presentation attributes are CSS values too: fill="\75rl(…)" is url(…)
            _check_css(value, f"the attribute '{local}' of <{element}>")


def _check_href(element: str, value: str) -> None:
    target = value.strip()
    if element not in _HREF_ELEMENTS:
        raise _Refused(f"<{element}> may not link anywhere (href='{target[:60]}')")
    if target.startswith("#"):
        return
    if element in ("image", "feImage") and _RASTER.match(target):
        return
    raise _Refused(f"<{element}> refers to '{target[:60]}': only parts of the same drawing ('#id') and embedded "
                   "PNG, JPEG, GIF or WebP images are allowed")


def _check_css(css: str, where: str) -> None:
    danger = _CSS_DANGER.search(css)
    if danger:
        raise _Refused(f"{where} contains '{danger.group(0)}', which can load or run something")
    foreign = _FOREIGN_URL.search(css)
    if foreign:
        target = css[foreign.end():foreign.end() + 60].split(")")[0].strip("'\" ")
        raise _Refused(f"{where} loads '{target}': only references to parts of the same drawing (url(#id)) are "
                       "allowed")
