"""The order and the flow of calls in one code cell.

- `code-precedes`: A `precedes` B when B is the next step after A on the same receiver
  (`client.create_registered_model(name)` then `client.create_model_version(name, ...)`;
  `mlflow.start_run()` then `mlflow.sklearn.log_model(...)`, a part of the same module) or
  the next step passed the same variable. A step is a call that is a statement of its own,
  a `with` or an assignment; two assignments in a row are a computation (ordered by what flows
  between them), not steps of a workflow, unless both are made on one object, or each on an
  object built from a class and the later one is passed what the earlier one returned (the
  stages of a pipeline: `df_indexed = indexer.fit(df).transform(df)` then
  `encoder.fit(df_indexed)`; a chain is the step of its first known call); nor are two forms
  of one call (`mlflow.sklearn.log_model`, `mlflow.spark.log_model`);
- `code-dataflow`: B `requires` A when B is passed what A returned: through its attributes
  (`version=mv.version`), whole on the same client (`fs.log_model(...,
  training_set=training_set)` after `training_set = fs.create_training_set(...)`), or whole
  when the variable names a concept. What A returns is its `produces` (`code-assignment`).

Only calls whose callee is known count (`known_call`): never a method of a local object, a
builtin or a constructor.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.code import CallSite, is_class_name
from kg.extract.rules.code import known_call
from kg.extract.rules.context import CodeReading, SectionReading
from kg.extract.rules.pipeline import CODE

__all__ = ["code_dataflow", "code_precedes"]

_PRECEDES = 0.7
_DATAFLOW = 0.75
_WINDOW = 64  # earlier steps a step looks back over for the one it follows


def _in_order(c: CodeReading) -> list[CallSite]:
    return sorted(c.facts.calls, key=lambda call: (call.line, call.column))


def _passed_variables(call: CallSite, bound: frozenset[str]) -> frozenset[str]:
    """The variables a call is passed whole (`f(name)`, `f(x=name)`), but not the clients and
    modules calls are made on (`bound`)."""
    return frozenset(a.value for a in call.arguments if a.value == a.root and a.root not in bound)


@dataclass(frozen=True)
class _Step:
    call: CallSite
    key: str
    passed: frozenset[str]


@CODE.rule("code-precedes")
def code_precedes(r: SectionReading, c: CodeReading) -> None:
    """Each step precedes the next one on the same receiver, or passed the same variable."""
    bound = frozenset(r.ctx.resolver.bindings) | frozenset(r.ctx.resolver.modules)
    steps: list[_Step] = []
    calls = _in_order(c)
    for call in calls:
        key = None if not call.step or is_class_name(call.name) else _step_key(r, call, c, calls)
        if key is None:
            continue
        step = _Step(call, key, _passed_variables(call, bound))
        before: set[str] = set()
        links = [("on", call.qualifier)] if call.qualifier else []
        links += [("with", name) for name in sorted(step.passed)]
        for link in links + [("from", name) for name in sorted(step.passed)]:
            found = _last(steps, link)
            if found is None:
                continue
            if link[0] == "from":  # one fed what the other made is never two forms of one call
                if _stages(r, found.call, call):
                    before.add(found.key)
            elif _variants(found.call.name, call.name):
                continue
            elif _steps_of_a_workflow(r, link, found.call.step, call.step):
                before.add(found.key)
        ev = r.evidence(c.offset + call.line)
        for earlier in sorted(before):
            if r.registry.find(earlier) != r.registry.find(key):
                r.relate(earlier, "precedes", key, ev, "code-precedes", _PRECEDES)
        steps.append(step)


def _step_key(
    r: SectionReading, call: CallSite, c: CodeReading, calls: list[CallSite]
) -> str | None:
    """The concept of a step's call; for a chain on a call's result (`indexer.fit(df)
    .transform(df)`, whose callee is unknown), the concept of the call it starts from."""
    key = known_call(r, call, c.facts)
    while key is None and call.qualifier.endswith("()"):
        inner = call.qualifier.removesuffix("()")
        found = [k for k in calls if k.line == call.line and _written(k) == inner]
        if not found:
            return None
        call = found[0]
        key = known_call(r, call, c.facts)
    return key


def _written(call: CallSite) -> str:
    return f"{call.qualifier}.{call.name}" if call.qualifier else call.name


def _last(steps: list[_Step], link: tuple[str, str]) -> _Step | None:
    """The latest earlier step (of the last `_WINDOW`) on the same receiver (one is the other
    or a part of it: `mlflow` and `mlflow.sklearn`, not `mlflow.pyfunc` and `mlflow.sklearn`),
    passed the same variable, or that returned the variable (`from`)."""
    kind, name = link
    for step in reversed(steps[-_WINDOW:]):
        if kind == "with" and name in step.passed:
            return step
        if kind == "from" and name == step.call.assigned_to:
            return step
        other = step.call.qualifier
        if kind == "on" and other and _same_receiver(other, name):
            return step
    return None


def _same_receiver(a: str, b: str) -> bool:
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def _variants(first: str, then: str) -> bool:
    """One call shown in two forms (`mlflow.sklearn.log_model`, `mlflow.spark.log_model`;
    `log_param`, `log_params`): alternatives side by side, not steps."""
    return first.removesuffix("s") == then.removesuffix("s")


def _steps_of_a_workflow(r: SectionReading, link: tuple[str, str], first: str, then: str) -> bool:
    """Two values computed in a row (`loss = np.arange(...)`, `log = np.log(loss)`) are a
    computation, not steps, unless they are made on one object (`client`, `fs`)."""
    if first != "value" or then != "value":
        return True
    kind, receiver = link
    head = receiver.partition(".")[0]
    return kind == "on" and (head.endswith("()") or head in r.ctx.resolver.bindings)


def _stages(r: SectionReading, first: CallSite, then: CallSite) -> bool:
    """Both calls are made on objects built from a class (`indexer`, `encoder`), not on a
    module or a function's result: the stages of a pipeline, one fed what the other made."""
    objects = r.ctx.resolver.bindings
    heads = (first.qualifier.partition(".")[0], then.qualifier.partition(".")[0])
    return all(head in objects for head in heads)


@CODE.rule("code-dataflow")
def code_dataflow(r: SectionReading, c: CodeReading) -> None:
    """A call passed what an earlier call returned requires that call."""
    holds: dict[str, tuple[str, str]] = {}  # variable → (the call it holds the result of, on)
    for call in _in_order(c):
        key = None if is_class_name(call.name) else known_call(r, call, c.facts)
        seen: set[str] = set()
        for arg in call.arguments if key else ():
            source, on = holds.get(arg.root, ("", ""))
            if not source or source in seen or not _flows(r, call, arg.value, arg.root, on):
                continue
            seen.add(source)
            ev = r.evidence(c.offset + arg.line)
            r.relate(key or "", "requires", source, ev, "code-dataflow", _DATAFLOW)
        if call.assigned_to and key and call.step:
            holds[call.assigned_to] = (key, call.qualifier)
        elif call.assigned_to:
            holds.pop(call.assigned_to, None)


def _flows(r: SectionReading, call: CallSite, value: str, variable: str, on: str) -> bool:
    """Whether passing `value` (which reads `variable`) hands over the result itself: as a
    handle whose attributes are read, to the same client, or a variable naming a concept."""
    if value != variable:
        return True
    client = call.qualifier.partition(".")[0] in r.ctx.resolver.bindings
    if client and call.qualifier == on:
        return True
    return r.registry.add_code(variable, r.ctx.resolver, None, register=False) is not None
