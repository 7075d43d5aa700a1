"""The concept registry: every spelling seen, merged into one concept per key.

Keys come from `normalize`; aliases (from the text itself and from the alias file) join keys
with a union-find, so `UC` and `Unity Catalog` end as one concept.

Code identifiers are resolved by qualifier (the rule `mlflow.sklearn.log_model` vs
`fs.log_model` needs):
- `obj.name` where `obj` is bound in the document's code to a class (`fs = FeatureStoreClient()`)
  belongs to that class: `FeatureStoreClient.name`; `Class().name` and `Class.name` likewise;
- `module.name` (an imported or dotted lower-case module) belongs to the module;
- a bare `name()` (or a method on an unknown variable) is decided by context: the qualified
  concept of that name mentioned in the same section, else in the same topic, else the only
  qualified concept of that name in all the notes; with none of these it stays its own concept.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.extract.code import CodeFacts, is_class_name
from kg.extract.lexicon import fold, singular
from kg.extract.model import Concept, ConceptKind, Evidence
from kg.extract.normalize import clean_label, code_parts, term_key

__all__ = ["CodeResolver", "Registry"]


@dataclass
class _Builder:
    key: str
    kind: ConceptKind
    labels: Counter[str] = field(default_factory=Counter)
    label_lang: dict[str, str] = field(default_factory=dict)
    definitions: list[tuple[str, Evidence]] = field(default_factory=list)
    mentions: list[Evidence] = field(default_factory=list)
    examples: list[tuple[str, Evidence]] = field(default_factory=list)


_KIND_RANK = {"class": 4, "module": 3, "api": 2, "parameter": 1, "term": 0}


class CodeResolver:
    """Resolves a code qualifier to the class or module it stands for, in one document."""

    def __init__(self, facts: CodeFacts, fallback: CodeFacts | None = None) -> None:
        self.bindings = {**(fallback.bindings if fallback else {}), **facts.bindings}
        self.modules = {**(fallback.modules if fallback else {}), **facts.modules}

    def owner(self, qualifier: str) -> tuple[str, ConceptKind] | None:
        """("FeatureStoreClient", "class") for "fs"; ("mlflow.sklearn", "module") for
        "mlflow.sklearn"; None for "" or an unknown variable."""
        q = qualifier.strip()
        if not q:
            return None
        if q.endswith("()"):
            q = q[:-2]
            last = q.rpartition(".")[2]
            return (last, "class") if is_class_name(last) else None
        head, _, rest = q.partition(".")
        if q in self.bindings:
            return self.bindings[q], "class"
        last = q.rpartition(".")[2]
        if is_class_name(last):
            return last, "class"
        if head in self.modules:
            module = self.modules[head]
            return (f"{module}.{rest}" if rest else module), "module"
        return None


class Registry:
    """Concepts under construction; `finish()` returns them as frozen `Concept`s."""

    def __init__(self) -> None:
        self._builders: dict[str, _Builder] = {}
        self._parent: dict[str, str] = {}
        # name → qualified api keys, and where each was mentioned (for bare names)
        self._qualified: dict[str, set[str]] = defaultdict(set)
        self._seen_in: dict[str, set[tuple[str, int]]] = defaultdict(set)
        self.keyword_names: set[str] = set()  # names code passes as keyword arguments
        self._preferred: set[str] = set()  # labels the alias file names first

    # -- union-find over keys -----------------------------------------------------------
    def find(self, key: str) -> str:
        root = key
        while self._parent.get(root, root) != root:
            root = self._parent[root]
        while self._parent.get(key, key) != root:
            self._parent[key], key = root, self._parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        # keep the more specific kind (a class over a term) as the representative
        ka = self._builders[ra].kind if ra in self._builders else "term"
        kb = self._builders[rb].kind if rb in self._builders else "term"
        if _KIND_RANK[kb] > _KIND_RANK[ka]:
            ra, rb = rb, ra
        self._parent[rb] = ra

    def __contains__(self, key: str) -> bool:
        return key in self._builders

    def keys(self) -> list[str]:
        return list(self._builders)

    # -- adding concepts ----------------------------------------------------------------
    def _builder(self, key: str, kind: ConceptKind) -> _Builder:
        builder = self._builders.get(key)
        if builder is None:
            builder = self._builders[key] = _Builder(key, kind)
            self._parent.setdefault(key, key)
        elif _KIND_RANK[kind] > _KIND_RANK[builder.kind]:
            builder.kind = kind
        return builder

    def _note(self, key: str, label: str, lang: str, kind: ConceptKind, ev: Evidence | None) -> str:
        builder = self._builder(key, kind)
        builder.labels[label] += 1
        builder.label_lang.setdefault(label, lang)
        if ev is not None:
            builder.mentions.append(ev)
        return key

    def add_term(self, label: str, lang: str, ev: Evidence | None) -> str | None:
        """Register a prose term; returns its key (None for an empty label)."""
        label = clean_label(label)
        if not label or not any(c.isalpha() for c in label):
            return None
        return self._note(term_key(label), label, lang, "term", ev)

    def add_code(
        self,
        surface: str,
        resolver: CodeResolver,
        ev: Evidence | None,
        *,
        kind: ConceptKind = "api",
        places: tuple[tuple[str, int], ...] = (),
        register: bool = True,
    ) -> str | None:
        """Register a code identifier (`fs.log_model(...)`, `MlflowClient`); returns its key.

        With `register=False` nothing is added: the key is returned only if it is known.
        """
        parts = code_parts(clean_label(surface))
        if parts is None:
            return None
        qualifier, name = parts
        if is_class_name(name) and not qualifier:
            kind = "class"
        owner = resolver.owner(qualifier)
        label = clean_label(surface)
        label = label[: label.index("(")].rstrip() if "(" in label else label
        # a constant (`CREATE_TABLE`, a privilege) is not the function `create_table`
        constant = name.isupper() and "_" in name
        bare = f"code:{name if constant else name.lower()}"
        if owner is None:
            if not register:
                qualified = not constant and self._qualified.get(name.lower())
                return bare if bare in self._builders or qualified else None
            self._note(bare, label, "", kind, ev)
            return bare
        owner_name, owner_kind = owner
        key = f"code:{owner_name.lower()}.{name.lower()}"
        if not register:
            return key if key in self._builders else None
        self._note(f"code:{owner_name.lower()}", owner_name, "", owner_kind, None)
        self._note(key, label, "", kind, ev)
        self._builders[key].labels[f"{owner_name}.{name}"] += 0  # known, never preferred
        self._qualified[name.lower()].add(key)
        self._seen_in[key].update(places)
        return key

    def add_module(self, module: str) -> str:
        """Register a Python module (`databricks.feature_store`); returns its key."""
        return self._note(f"code:{module.lower()}", module, "", "module", None)

    def labels_of(self, key: str) -> list[str]:
        builder = self._builders.get(key)
        return list(builder.labels) if builder else []

    def prefer(self, label: str) -> None:
        """Make `label` the preferred label of whatever concept has it (alias file order)."""
        self._preferred.add(label)

    def add_definition(self, key: str, text: str, ev: Evidence) -> None:
        builder = self._builder(self.find(key), "term")
        bare = text.strip().strip("`*:.()").lower()
        if any(bare == label.lower() for label in builder.labels):
            return  # a signature line that repeats the name defines nothing
        builder.definitions.append((text, ev))

    def extend_definition(self, key: str, text: str) -> None:
        """Append `text` to the latest definition of `key` (a definition in two paragraphs)."""
        builder = self._builder(self.find(key), "term")
        if builder.definitions:
            last, ev = builder.definitions[-1]
            builder.definitions[-1] = (f"{last} {text}", ev)

    def add_example(self, key: str, code: str, ev: Evidence) -> None:
        self._builder(self.find(key), "api").examples.append((code, ev))

    def add_mention(self, key: str, ev: Evidence) -> None:
        if key in self._builders:
            self._builders[key].mentions.append(ev)

    # -- bare names ---------------------------------------------------------------------
    def resolve_bare(self, key: str, section: tuple[str, int], topic: tuple[str, int]) -> str:
        """The qualified concept a bare `code:name` key stands for here (see module doc)."""
        if not key.startswith("code:") or "." in key:
            return self.find(key)
        candidates = sorted(self._qualified.get(key[5:], ()))
        for place in (section, topic):
            here = [k for k in candidates if place in self._seen_in[k]]
            if len(here) == 1:
                return self.find(here[0])
        if len(candidates) == 1:
            return self.find(candidates[0])
        if key not in self._builders and candidates:
            return self.find(candidates[0])
        return self.find(key)

    def attach_unique_bare_names(self) -> None:
        """A bare `name` joins the qualified concept of that name when there is only one."""
        for name, keys in self._qualified.items():
            bare = f"code:{name}"
            if len(keys) == 1 and bare in self._builders:
                self.union(next(iter(keys)), bare)

    # -- result -------------------------------------------------------------------------
    def finish(self) -> dict[str, Concept]:
        """Merged concepts by representative key; every key maps through `find`."""
        groups: dict[str, list[_Builder]] = defaultdict(list)
        for key, builder in self._builders.items():
            groups[self.find(key)].append(builder)
        out: dict[str, Concept] = {}
        for root, builders in groups.items():
            labels: Counter[str] = Counter()
            langs: dict[str, str] = {}
            kind: ConceptKind = "term"
            for b in builders:
                labels.update(b.labels)
                for label, lang in b.label_lang.items():
                    langs.setdefault(label, lang)
                if _KIND_RANK[b.kind] > _KIND_RANK[kind]:
                    kind = b.kind
            if not labels:
                continue
            chosen = [lbl for lbl in labels if lbl in self._preferred]
            pref = chosen[0] if chosen else _preferred_label(labels, kind)
            alts = sorted({lbl for lbl in labels if lbl != pref} | _variants(labels, kind) - {pref})
            out[root] = Concept(
                key=root,
                label=pref,
                language=langs.get(pref, ""),
                kind=kind,
                alt_labels=tuple(alts),
                definitions=tuple(d for b in builders for d in b.definitions),
                mentions=tuple(m for b in builders for m in b.mentions),
                examples=tuple(e for b in builders for e in b.examples),
            )
        return out


def _variants(labels: Counter[str], kind: ConceptKind) -> set[str]:
    """Extra spellings users type: a method's bare name (`score_batch` for `fs.score_batch`),
    a term's singular ("run" for "Runs")."""
    out: set[str] = set()
    for label in labels:
        if kind == "term":
            words = label.split()
            plain = " ".join(singular(w) if singular(w) != fold(w) else w for w in words)
            if plain != label:
                out.add(plain)
        elif kind == "api" and "." in label:
            out.add(label.rpartition(".")[2])
    return out


def _preferred_label(labels: Counter[str], kind: ConceptKind) -> str:
    """The spelling used most; for APIs, the short qualified form users type (`fs.log_model`)
    over the resolved class path; ties go to the longer label."""

    def score(label: str) -> tuple[int, int, int]:
        if labels[label] == 0:
            return (-1, 0, 0)
        has_caps = int(any(c.isupper() for c in label))
        if kind in ("term", "module"):
            return (has_caps, labels[label], len(label))
        return (0, labels[label], len(label))

    return max(labels, key=score)
