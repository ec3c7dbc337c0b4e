"""The texts `pkc init` writes into a new site: example content per language, the editors' guide and workflows."""
from __future__ import annotations

# Every example text in each language pkc has interface texts for. The Finnish texts never inflect the
# municipality's name (the editor's own name cannot be put into the genitive or inessive by rule), so
# they speak of "kunta" instead.
TEXTS: dict[str, dict[str, str]] = {
    "site_name": {"fi": "Perhekeskus", "sv": "Familjecentret", "en": "Family centre"},
    "site_description": {
        "fi": "Lapsiperheiden palvelut, kohtaamispaikat ja yhteystiedot yhdestä paikasta.",
        "sv": "Tjänster, mötesplatser och kontaktuppgifter för barnfamiljer på ett ställe.",
        "en": "Services, meeting places and contacts for families with children, all in one place.",
    },
    "feedback_handled_by": {"fi": "Perhekeskuksen verkkotoimitus", "sv": "Familjecentrets webbredaktion",
                            "en": "The family centre's web editors"},
    "non_accessible": {
        "fi": "Saavutettavuutta ei ole vielä arvioitu: se arvioidaan, kun esimerkkisisältö on korvattu.",
        "sv": "Tillgängligheten har ännu inte bedömts: den bedöms när exempelinnehållet har ersatts.",
        "en": "Accessibility has not been assessed yet: it will be once the example content is replaced.",
    },
    "region_name": {"fi": "Esimerkkimaan hyvinvointialue", "sv": "Exempellandets välfärdsområde",
                    "en": "Esimerkkimaa Wellbeing Services County"},
    "region_short_name": {"fi": "Esimerkkimaa", "sv": "Exempellandet", "en": "Esimerkkimaa"},
    "region_description": {
        "fi": "Hyvinvointialue järjestää neuvolat, perhetyön, perheneuvolan ja muut lapsiperheiden sosiaali- ja\n"
              "terveyspalvelut. Kunnat vastaavat varhaiskasvatuksesta, ja järjestöt ja seurakunnat ylläpitävät\n"
              "monia avoimia kohtaamispaikkoja.\n",
        "sv": "Välfärdsområdet ordnar rådgivningen, familjearbetet, familjerådgivningen och andra social- och\n"
              "hälsovårdstjänster för barnfamiljer. Kommunerna ansvarar för småbarnspedagogiken, och\n"
              "organisationer och församlingar driver många öppna mötesplatser.\n",
        "en": "The wellbeing services county organises child health clinics, family work, family counselling and\n"
              "other social and health services for families. Municipalities are responsible for early childhood\n"
              "education, and NGOs and parishes run many of the open meeting places.\n",
    },
    "municipality_introduction": {
        "fi": "Perhekeskus kokoaa yhteen kunnan lapsiperheiden palvelut: neuvolan, perhetyön, varhaiskasvatuksen\n"
              "ja avoimet kohtaamispaikat, kuten perhekahvilan.\n\n"
              "Jos et tiedä, mistä aloittaa, soita **neuvolan ajanvaraukseen** – sieltä sinut ohjataan oikean\n"
              "työntekijän luo.\n",
        "sv": "Familjecentret samlar kommunens tjänster för barnfamiljer: rådgivningen, familjearbetet,\n"
              "småbarnspedagogiken och de öppna mötesplatserna, till exempel familjecaféet.\n\n"
              "Om du inte vet var du ska börja, ring **rådgivningens tidsbokning** – där får du hjälp att\n"
              "hitta rätt person.\n",
        "en": "The family centre brings together the municipality's services for families with children: the\n"
              "child health clinic, family work, early childhood education and open meeting places such as the\n"
              "family café.\n\n"
              "If you do not know where to start, call the **child health clinic's appointment line** – they will\n"
              "direct you to the right person.\n",
    },
    "organisation_description": {
        "fi": "Kunta vastaa varhaiskasvatuksesta sekä lasten ja perheiden liikunta- ja kulttuuripalveluista ja\n"
              "ylläpitää perhekahvilaa yhdessä järjestöjen kanssa.\n",
        "sv": "Kommunen ansvarar för småbarnspedagogiken och för idrotts- och kulturtjänsterna för barn och\n"
              "familjer, och driver familjecaféet tillsammans med organisationerna.\n",
        "en": "The municipality is responsible for early childhood education and for sports and cultural services\n"
              "for children and families, and runs the family café together with NGOs.\n",
    },
    "service_name": {"fi": "Lastenneuvola", "sv": "Barnrådgivning", "en": "Child health clinic"},
    "service_summary": {
        "fi": "Lapsen terveystarkastukset ja rokotukset sekä tukea vanhemmille syntymästä kouluikään.",
        "sv": "Barnets hälsoundersökningar och vaccinationer samt stöd till föräldrarna från födseln till "
              "skolåldern.",
        "en": "Health checks and vaccinations for your child, and support for parents, from birth to school age.",
    },
    "service_description": {
        "fi": "Neuvolassa seurataan lapsen kasvua ja kehitystä ja annetaan kansallisen rokotusohjelman\n"
              "rokotukset. Terveydenhoitaja tapaa perhettä säännöllisesti, ja lääkärin laajat\n"
              "terveystarkastukset tehdään, kun lapsi on 4 kuukauden, 18 kuukauden ja 4 vuoden ikäinen.\n\n"
              "Neuvolassa voi puhua myös arjesta, unesta, ruokailusta, parisuhteesta ja jaksamisesta. Ota\n"
              "mukaan lapsen neuvolakortti, jos sinulla on sellainen.\n",
        "sv": "På barnrådgivningen följer man barnets tillväxt och utveckling, och barnet får vaccinationerna i\n"
              "det nationella vaccinationsprogrammet. Hälsovårdaren träffar familjen regelbundet, och läkarens\n"
              "omfattande hälsoundersökningar görs när barnet är 4 månader, 18 månader och 4 år.\n\n"
              "På rådgivningen kan ni också prata om vardagen, sömnen, maten, parrelationen och hur ni orkar. Ta\n"
              "med barnets rådgivningskort om du har ett.\n",
        "en": "The child health clinic follows your child's growth and development and gives the vaccinations of\n"
              "the national vaccination programme. A public health nurse meets the family regularly, and a doctor\n"
              "carries out extensive health checks when the child is 4 months, 18 months and 4 years old.\n\n"
              "You can also talk about everyday life, sleep, eating, your relationship and how you are coping.\n"
              "Bring your child's clinic card if you have one.\n",
    },
    "service_booking": {
        "fi": "Varaa, siirrä ja peru ajat soittamalla neuvolan ajanvaraukseen arkisin klo 8–10.",
        "sv": "Boka, flytta och avboka tider genom att ringa rådgivningens tidsbokning vardagar kl. 8–10.",
        "en": "Book, move and cancel appointments by calling the clinic's appointment line on weekdays 8–10.",
    },
    "place_name": {"fi": "Perhekahvila Nuppu", "sv": "Familjecaféet Nuppu", "en": "Nuppu Family Café"},
    "place_street": {"fi": "Kirjastokatu 1", "sv": "Biblioteksgatan 1", "en": "Kirjastokatu 1"},
    "place_summary": {
        "fi": "Avoin kohtaamispaikka odottaville sekä vauva- ja taaperoperheille keskiviikkoaamuisin.",
        "sv": "En öppen mötesplats för blivande föräldrar och familjer med bebisar och småbarn på "
              "onsdagsförmiddagar.",
        "en": "An open meeting place for expectant parents and families with babies and toddlers on Wednesday "
              "mornings.",
    },
    "place_description": {
        "fi": "Perhekahvilaan voi tulla ilman ilmoittautumista lapsen kanssa tai jo odotusaikana. Aikuiset\n"
              "juovat kahvia ja vaihtavat kuulumisia, lapset leikkivät. Ohjaaja on paikalla koko ajan, ja\n"
              "kerran kuukaudessa vieraana on neuvolan terveydenhoitaja.\n\n"
              "Kahvi ja tee ovat ilmaisia. Omia eväitä saa tuoda.\n",
        "sv": "Till familjecaféet kan du komma utan anmälan med ditt barn eller redan under graviditeten. De\n"
              "vuxna dricker kaffe och pratar, barnen leker. En ledare är på plats hela tiden, och en gång i\n"
              "månaden kommer rådgivningens hälsovårdare på besök.\n\n"
              "Kaffe och te är gratis. Du får ta med egen matsäck.\n",
        "en": "Come along with your child, or while you are expecting – no registration needed. The adults have\n"
              "coffee and chat while the children play. A leader is there the whole time, and once a month the\n"
              "public health nurse from the child health clinic visits.\n\n"
              "Coffee and tea are free. You are welcome to bring your own snacks.\n",
    },
    "place_accessibility": {
        "fi": "Sisäänkäynti ilman portaita, esteetön wc ja vaunuparkki aulassa.",
        "sv": "Ingång utan trappor, tillgänglig toalett och barnvagnsparkering i entréhallen.",
        "en": "Step-free entrance, an accessible toilet and pram parking in the lobby.",
    },
    "christmas_break": {"fi": "Joulutauko", "sv": "Jullov", "en": "Christmas break"},
    "contact_name": {"fi": "Neuvolan ajanvaraus", "sv": "Rådgivningens tidsbokning",
                     "en": "Child health clinic appointments"},
    "contact_note": {
        "fi": "Jos linja on varattu, jätä takaisinsoittopyyntö: terveydenhoitaja soittaa saman päivän aikana.",
        "sv": "Om linjen är upptagen, lämna en begäran om återuppringning: hälsovårdaren ringer samma dag.",
        "en": "If the line is busy, leave a call-back request: a nurse will call you back the same day.",
    },
}

# What each content file is, for the editor: the comment below the example note.
NOTES = {
    "region": "Hyvinvointialue. Jos nimeät tiedoston uudelleen (esim. keski-suomi.yaml), muuta myös kunnan region.",
    "municipality": "Kunta ja sen perhekeskus.",
    "organisation": "Kunta toimijana: palvelujen tuottaja ja sivuston julkaisija.",
    "service": "Palvelu.",
    "place": "Avoin kohtaamispaikka.",
    "contact": "Yhteystieto: rooli tai palvelunumero, ei koskaan yksittäisen ihmisen nimi tai numero.",
}

# The first comment of every content file (after the schema line), in Finnish: what the file is and that it
# is an example to replace; site.yaml cannot be removed, only corrected.
EXAMPLE_NOTE = ("# ESIMERKKI: pkc init kirjoitti tämän tiedoston mallitekstein. Korvaa tekstit, osoitteet ja\n"
                "# yhteystiedot oikeilla tai poista tiedosto. Kenttien ohjeet: docs/content.md")
SITE_NOTE = ("# ESIMERKKI: pkc init kirjoitti tämän tiedoston mallitekstein. Korvaa nimi, osoitteet ja\n"
             "# yhteystiedot oikeilla. Kenttien ohjeet: docs/content.md")

GITIGNORE = """\
# pkc build, pkc export hsds and Python write these; they are never committed.
public/
hsds/
.pkc-cache/
__pycache__/
.venv/
"""

REQUIREMENTS_HEADER = """\
# pkc, jolla sivusto rakennetaan: tämä on ainoa paikka, josta työnkulut (.github/workflows/) ja
# editorit asentavat sen (pip install -r requirements.txt). Ohjeet päivittämiseen: README.md.
# Jos pkc ei ole siinä pakettihakemistossa (PyPI), josta pip asentaa, korvaa rivi osoitteella, josta
# organisaationne asentaa pkc:n, esim. pkc @ https://…/pkc-<versio>-py3-none-any.whl tai
# pkc @ git+https://github.com/…/pkc@<commit>. Pelkkä nimi ja versio asentaisivat muuten minkä tahansa
# samannimisen paketin.
"""

REQUIREMENTS_PINS_HEADER = """\
# pkc:n riippuvuudet niinä versioina, joilla tämä sivusto luotiin ja testattiin (pkc {version}).
# Päivitä ne aina yhdessä pkc:n kanssa.
"""

# Both workflows: made by this pkc version, on Python 3.11, with pkc from requirements.txt.
_WORKFLOW_HEADER = """\
# Luotu pkc {version}:lla (pkc init). pkc:n versio tulee tiedostosta requirements.txt.
"""
_INSTALL_STEPS = """\
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
          cache: pip
      - run: python -m pip install -r requirements.txt
"""

CHECK_WORKFLOW = _WORKFLOW_HEADER + """\
# Jokainen pull request: sisältö tarkistetaan tiukasti. Virheet näkyvät muutetuilla riveillä.
name: Tarkista sisältö
on:
  pull_request:
  workflow_dispatch:
permissions:
  contents: read
jobs:
  check:
""" + _INSTALL_STEPS + """\
      - name: pkc check --strict
        run: pkc check --strict
      - name: Mikä kaipaa huomiota
        run: pkc report
"""

PUBLISH_WORKFLOW = _WORKFLOW_HEADER + """\
# Jokainen muutos main-haaraan: sivusto rakennetaan ja julkaistaan GitHub Pagesissa
# (Settings -> Pages -> Source: GitHub Actions). Epäonnistunut rakennus ei julkaise mitään: edellinen
# versio jää verkkoon.
name: Rakenna ja julkaise
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: false
jobs:
  build:
""" + _INSTALL_STEPS + """\
      - id: pages
        uses: actions/configure-pages@v5
      # Edellisen rakennuksen välimuisti: vain ne sivut tehdään uudelleen, joiden sisältö muuttui.
      - uses: actions/cache@v4
        with:
          path: .pkc-cache
          key: pkc-build-${{{{ github.ref_name }}}}-${{{{ github.run_id }}}}
          restore-keys: pkc-build-${{{{ github.ref_name }}}}-
      - name: pkc build --strict
        run: pkc build --strict --base-url "${{{{ steps.pages.outputs.base_url }}}}/" --out public --cache .pkc-cache
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""

README_FI = """\
# {name}

Tässä kansiossa on sivuston ”{name}” sisältö YAML- ja Markdown-tiedostoina. Ohjelma nimeltä pkc
tarkistaa sisällön ja rakentaa siitä staattisen sivuston. Kaikki nyt olevat tiedostot ovat esimerkkejä,
jotka `pkc init` kirjoitti: korvaa ne oikeilla tiedoilla.

## Mitä missäkin on

```
site.yaml                  sivuston nimi, kielet, osoite, julkaisija, palautekanava, saavutettavuusseloste
municipalities/            kunnat, yksi tiedosto kuntaa kohti
content/regions/           hyvinvointialueet
content/organisations/     toimijat: kunnat, hyvinvointialueet, järjestöt, seurakunnat, yritykset
content/services/          palvelut
content/meeting-places/    avoimet kohtaamispaikat, kuten perhekahvilat
content/contacts/          yhteystiedot: roolit ja palvelunumerot, ei koskaan yksittäisen ihmisen tietoja
content/locations/         toimipisteet (neuvolat, perhekeskuksen talo); luo ensimmäinen: pkc new location NIMI
content/pages/             vapaat sivut Markdownina (pkc new page NIMI)
templates/                 (ei pakollinen) omat mallipohjat, käyttöliittymän tekstit ja tyylit, ks. alla
schemas/, docs/content.md  pkc:n kirjoittamat: editorin automaattinen täydennys ja kaikkien kenttien ohjeet
requirements.txt           pkc:n versio, jolla sivusto rakennetaan
.github/workflows/         tarkistus ja julkaisu GitHubissa
```

Tiedoston nimi on sen tunniste: `municipalities/{municipality}.yaml` on muissa tiedostoissa `{municipality}`.
Jos nimeät tiedoston uudelleen, `pkc check` kertoo, missä vanhaa nimeä vielä käytetään.

## Omalla koneella

Asenna pkc kerran (Python 3.11 tai uudempi):

```sh
python3 -m venv .venv
. .venv/bin/activate            # Windowsissa: .venv\\Scripts\\activate
pip install -r requirements.txt
```

- `pkc new service NIMI` kirjoittaa uuden palvelun pohjan oikeaan kansioon (myös `place`, `contact`,
  `organisation`, `location`, `municipality`, `page` …). NIMI on tiedoston nimi: pienet kirjaimet a–z,
  numerot ja väliviivat, esimerkiksi `pkc new service perheneuvola-{municipality}`.
- `pkc check` tarkistaa sisällön ja kertoo jokaisesta virheestä tiedoston, rivin ja korjausohjeen.
  `pkc check --strict` tekee saman kuin GitHub: puuttuvat käännöksetkin ovat virheitä.
- `pkc serve` näyttää sivuston osoitteessa http://127.0.0.1:8000/ ja päivittää avoimen sivun jokaisella
  tallennuksella.
- `pkc report` kertoo, mikä kaipaa huomiota: puuttuvat käännökset, vanhat tarkistuspäivät, palvelut ilman
  yhteystietoa.

VS Coden YAML-laajennus (Red Hat) täydentää kenttien nimet ja näyttää ohjeet, koska jokaisen tiedoston
ensimmäinen rivi kertoo sen skeeman.

## Julkaiseminen

- `.github/workflows/check.yml` tarkistaa jokaisen pull requestin (`pkc check --strict`, sitten
  `pkc report`). Virheet näkyvät pull requestissa muutetuilla riveillä.
- `.github/workflows/publish.yml` rakentaa sivuston jokaisesta muutoksesta main-haaraan
  (`pkc build --strict`) ja julkaisee sen GitHub Pagesissa. Ota julkaisu käyttöön kerran: Settings →
  Pages → Source: GitHub Actions. Jos rakennus epäonnistuu, mitään ei julkaista ja edellinen versio jää verkkoon.
- Muuta `base_url` tiedostossa `site.yaml` sivuston oikeaksi osoitteeksi heti alussa: avoimen datan
  tunnisteet lasketaan siitä.

## pkc:n päivittäminen

Molemmat työnkulut ja kaikki editorit asentavat pkc:n tiedostosta `requirements.txt`, joten pkc päivitetään
muuttamalla sitä. Ensimmäinen rivi on pkc:n versio, sen alla riippuvuudet niinä versioina, joilla sivusto on
testattu; päivitä ne yhdessä:

1. Vaihda pkc:n riville uusi versio (`pkc==…` tai git-osoitteen lopussa oleva commit).
2. Asenna se puhtaaseen ympäristöön ja katso, mitkä riippuvuuksien versiot se tuo:

   ```sh
   python3 -m venv /tmp/pkc-uusi
   /tmp/pkc-uusi/bin/pip install "PKC:N RIVI TÄHÄN"
   /tmp/pkc-uusi/bin/pip freeze
   ```

3. Korvaa pkc:n rivin alla olevat rivit tulosteen riveillä (pkc:n omaa riviä lukuun ottamatta).
4. Tee muutos pull requestina: tarkistus kertoo, toimiiko sisältö uudella versiolla.

## Ulkoasu ja tekstit: templates/

pkc:n oletusmallipohjat, käyttöliittymän tekstit ja tyylit ovat kansiossa, jonka näet komennolla

```sh
python -c "import pkc.theme as t; print(t.DEFAULT_TEMPLATES)"
```

Sivuston oma `templates/`-kansio ohittaa oletukset tiedosto kerrallaan, kuten Hugon teeman ohitus:
samanniminen tiedosto samassa polussa korvaa oletuksen. Esimerkiksi `templates/static/style.css` korvaa
tyylit ja `templates/i18n/fi.yaml` suomenkieliset käyttöliittymän tekstit. Kopioi oletustiedosto pohjaksi ja
muuta vain tarvittava; tarkista pkc:tä päivittäessäsi, onko oletustiedosto muuttunut. Pääväri vaihtuu
helpoimmin tiedostossa `site.yaml` (`theme: primary_colour`).
"""

README_SV = """\

## På svenska

Innehållet finns i YAML- och Markdown-filer, och pkc kontrollerar det och bygger en statisk webbplats. Alla
filer är exempel som `pkc init` skrev: ersätt dem med riktiga uppgifter. Varje text skrivs på finska och
svenska (`fi:` och `sv:`).

- Installera pkc: `pip install -r requirements.txt` (i en virtuell miljö, se ovan).
- `pkc new service NAMN` skriver en ny tjänst, `pkc check` kontrollerar innehållet och `pkc serve` visar
  webbplatsen på http://127.0.0.1:8000/sv/ medan du redigerar.
- Varje pull request kontrolleras (`check.yml`) och varje ändring i main publiceras på GitHub Pages
  (`publish.yml`).
- pkc uppdateras genom att ändra `requirements.txt` (se ovan).
- Den egna mappen `templates/` ersätter pkc:s standardmallar fil för fil, till exempel
  `templates/i18n/sv.yaml` eller `templates/static/style.css`.
"""
