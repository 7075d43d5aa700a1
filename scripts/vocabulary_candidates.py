"""Words of a folder of notes in a language worth a `[vocabulary]` entry, for translating
questions across languages (see docs/translation-vocabulary.md).

    python scripts/vocabulary_candidates.py FOLDER [--lang es] [--repos 3] [-n 700]
    python scripts/vocabulary_candidates.py --check PAIRS.tsv [--lang es] [--pivot-notes DIR]

The first form prints the most frequent content words of the notes' prose (code blocks and
addresses left out), grouped by stem, as their most frequent spelling with the number of files
that use them and the spellings seen; a word counts only if files from `--repos` different
sources use it (a file's source is its name up to the first "-"), and a word that an entry or
the glossary already translates is left out. The second form reads `word<TAB>translation`
lines (the word in `--lang`) and prints, as TOML entries of the other language's vocabulary,
the pairs that stems and cognate endings do not already match.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.extract.cues import glossary
from kg.extract.lexicon import fold
from kg.graph.analyzer import word_terms
from kg.lang import LANGUAGES, PIVOT, language, words


def _vocabulary() -> dict[str, str]:
    """Every language's `[vocabulary]`: word → its pivot-language word."""
    return {k: v for lang in LANGUAGES for k, v in language(lang)["vocabulary"].items()}


def _known() -> set[str]:
    """Every term of the words an entry or the glossary already translates, on either side."""
    vocabulary = _vocabulary()
    known = {*vocabulary, *vocabulary.values(), *glossary(), *glossary().values()}
    return {t for w in known for t in word_terms(fold(w))}


def _prose(folder: Path) -> Iterator[tuple[Path, list[str]]]:
    """Each note of a folder and the words of its prose (code blocks and addresses left out),
    as written."""
    for path in sorted(folder.iterdir()):
        if path.name == "SOURCES.md" or not path.is_file():
            continue
        text = re.sub(r"```.*?```", " ", path.read_text("utf-8", errors="replace"), flags=re.S)
        yield path, re.findall(r"[^\W\d_]+", re.sub(r"https?://\S+", " ", text))


def candidates(folder: Path, lang: str, repos: int) -> list[tuple[str, int, str]]:
    import Stemmer

    stemmer = Stemmer.Stemmer(language(lang)["stemmer"])
    stops = {fold(w) for w in words("stop_words")}
    files: Counter[str] = Counter()
    sources: defaultdict[str, set[str]] = defaultdict(set)
    spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for path, tokens in _prose(folder):
        seen = set()
        for token in tokens:
            word = fold(token)
            if any(c.isupper() for c in token[1:]) or len(word) < 4 or word in stops:
                continue  # a name, a short word or a function word
            stem = stemmer.stemWord(word)
            spellings[stem][word] += 1
            seen.add(stem)
        for stem in seen:
            files[stem] += 1
            sources[stem].add(path.name.split("-")[0])
    known = _known()
    out = []
    for stem, counted in spellings.items():
        spelling = counted.most_common(1)[0][0]
        if len(sources[stem]) >= repos and not set(word_terms(spelling)) & known:
            seen_as = " ".join(w for w, _ in counted.most_common(4))
            out.append((stem, spelling, files[stem], seen_as))
    out.sort(key=lambda row: (-row[2], -sum(spellings[row[0]].values()), row[1]))
    return [(spelling, count, seen_as) for _, spelling, count, seen_as in out]


def _words(folder: Path) -> Counter[str]:
    """The folded words of a folder of notes' prose, counted."""
    return Counter(fold(token) for _, tokens in _prose(folder) for token in tokens)


def checked(pairs: Path, lang: str, pivot_notes: Path | None = None) -> list[tuple[str, str]]:
    """The pairs not already matched by stems or cognate endings, nor already translated, as
    (word, its pivot-language word): the pairs of notes in the pivot language are turned.

    Left out too, as they would match the wrong statements: a pair whose either side shares a
    term with a function word of any language ("notar" is stemmed "not", "come" gives "com"
    of "como"); and with `pivot_notes` (notes in the pivot language), a word those notes use
    as a word of their own. (Also leaving out a word sharing a term with a word of theirs that
    its translation does not — "rama" and "RAM" — dropped "máximo" for "maximize" as well.)"""
    stops = {fold(w) for w in words("stop_words")}
    stop_terms = {t for w in stops for t in word_terms(w)}
    pivot = Counter({w: n for w, n in _words(pivot_notes).items() if n >= 2}) if pivot_notes else {}
    taken = {*_vocabulary(), *(fold(k) for k in glossary())}
    out: dict[str, str] = {}
    for line in pairs.read_text("utf-8").splitlines():
        word, _, translation = (fold(part.strip()) for part in line.partition("\t"))
        if lang == PIVOT:
            word, translation = translation, word
        if not (word.isalpha() and translation.isalpha()) or min(len(word), len(translation)) < 3:
            continue
        if word in stops or translation in stops or word in taken or word in out:
            continue
        mine, theirs = set(word_terms(word)), set(word_terms(translation))
        if mine & theirs or (mine | theirs) & stop_terms or word in pivot:
            continue
        out[word] = translation
    return list(out.items())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--lang", default="es")
    parser.add_argument("--repos", type=int, default=3)
    parser.add_argument("-n", type=int, default=700)
    parser.add_argument("--check", type=Path)
    parser.add_argument("--pivot-notes", type=Path, help="notes in the pivot language")
    args = parser.parse_args()
    if args.check:
        for word, translation in checked(args.check, args.lang, args.pivot_notes):
            print(f'{word} = "{translation}"')
    elif args.folder:
        for spelling, count, seen_as in candidates(args.folder, args.lang, args.repos)[: args.n]:
            print(spelling, count, seen_as, sep="\t")
    else:
        parser.error("give a FOLDER of notes or --check PAIRS.tsv")


if __name__ == "__main__":
    main()
