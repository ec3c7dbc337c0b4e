// Search spelling: what a query's words are, which of them the site does not have, and the site's nearest word for
// a misspelt one. Used by search.js; no state of its own beyond the word list it is given.

const CHECKED = 5; // results whose matched words tell whether a query word was really found
// Words a family types around what it looks for ("we are getting divorced"): Pagefind finds only pages with
// every word of a query, so these are left out when other words remain.
const STOP_WORDS = {
  fi: "ja tai on ei se me mä minä mun minun meillä meidän olen olemme ollaan kun että jos miten mistä missä mikä kanssa",
  sv: "och eller är en ett i på för med vi jag min mitt mina vår vårt våra att som hur var vad ska har till om av det " +
      "inte kan",
  en: "a an the and or of in on at to for with my our we i is are am be about from your me us it how what where when " +
      "near do does have has get getting need not doesnt dont cant cannot",
};

export function words(query) {
  return query.toLowerCase().split(/\s+/).filter((word) => word.length > 0);
}

export function withoutStopWords(query, lang) {
  const stop = new Set((STOP_WORDS[lang] || "").split(" "));
  const kept = words(query).filter((word) => !stop.has(word));
  return kept.length ? kept.join(" ") : query.trim().toLowerCase();
}

// ä, ö and å as a phone keyboard without them types: a, o, a
export function folded(word) {
  return word.normalize("NFD").replace(/\p{M}/gu, "");
}

export function bare(word) {
  return word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

function commonPrefix(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

// Whether a found word is the query word: the same word with more ending ("neuvola" for "neuvola", "neuvolassa"),
// or the query word is it with an ending ("neuvolaan" for "neuvola"). A word that only shares a long start is not
// ("lastenvalvja" for "lastenvalvoja"): that is how a misspelling looks.
function sameWord(word, term) {
  const [w, t] = [folded(word), folded(term)];
  return w.startsWith(t) || (t.startsWith(w) && w.length >= Math.max(4, Math.ceil(0.6 * t.length)));
}

// The query's words (of 4 letters or more) that are not the site's: neither the best results nor the site's word
// list (loaded only when the results leave a doubt) have them. `junk` are those the results matched only through
// a prefix of three letters or fewer — Pagefind's fallback when no indexed word starts with the word.
export async function unknownWords(query, results, vocabulary) {
  const terms = words(query).map(bare).filter((term) => term.length >= 4);
  if (!terms.length) return { unknown: [], junk: [] };
  const matched = [];
  const data = await Promise.all(results.slice(0, CHECKED).map((result) => result.data()));
  for (const entry of data) {
    const content = entry.content.split(/\s+/);
    for (const location of entry.locations) matched.push(bare(content[location] || ""));
  }
  const doubtful = terms.filter((term) => !matched.some((word) => sameWord(word, term)));
  if (!doubtful.length) return { unknown: [], junk: [] };
  const known = (await vocabulary()).words.map(([word]) => word);
  const unknown = doubtful.filter((term) => !known.some((word) => sameWord(word, term)));
  const junk = unknown.filter((term) => !matched.some((word) => commonPrefix(word, term) >= 4));
  return { unknown, junk };
}

// The site's words with their number of pages, fetched once: {"pages": {"3": "word word …"}} → [[word, 3], …]
export function lazyWords(url) {
  let loading = null;
  const expand = (data) => ({
    words: Object.entries(data.pages || {}).flatMap(([pages, list]) => list.split(" ").map((w) => [w, Number(pages)])),
  });
  return () => {
    loading ??= fetch(url).then((response) => (response.ok ? response.json() : {})).then(expand)
      .catch(() => ({ words: [] }));
    return loading;
  };
}

// Damerau-Levenshtein distance (adjacent transpositions count once), stopping early above `limit`.
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = [[...Array(b.length + 1).keys()]];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, rows[i - 2][j - 2] + 1);
      }
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    rows.push(row);
  }
  return rows[a.length][b.length];
}

// The query with each unknown word replaced by the site's nearest word (fewest edits, then most pages).
export function correct(query, unknown, vocabulary) {
  let changed = false;
  const corrected = words(query).map((word) => {
    const term = bare(word);
    if (!unknown.includes(term)) return word;
    const limit = term.length <= 5 ? 1 : 2;
    const plain = folded(term);
    let best = null;
    for (const [candidate, pages] of vocabulary.words) {
      // the whole word, or its start: Pagefind finds a word from its beginning ("barnatillsynigsman" → "…mannen")
      const whole = folded(candidate);
      let d = distance(plain, whole, limit);
      if (d > limit && term.length >= 6 && whole.length > term.length) {
        d = Math.min(distance(plain, whole.slice(0, term.length), limit),
                     distance(plain, whole.slice(0, term.length + 1), limit));
        if (d > 0) d += 0.5; // a whole word wins a tie
      }
      if (d <= limit && (!best || d < best.d || (d === best.d && pages > best.pages))) best = { candidate, d, pages };
    }
    if (!best) return word;
    changed = true;
    return best.candidate;
  });
  return changed ? corrected.join(" ") : null;
}
