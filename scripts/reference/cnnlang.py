"""A small reader of the .cnn language for the reference-data generator.

It is deliberately independent of the compiler (it shares no code with it), so that the
reference data checks the compiler rather than repeating it. It reads only what is valid: a
model it cannot read is a mistake in the case table, reported with its line.
"""
import re
from dataclasses import dataclass, field

TOKEN = re.compile(r"""
    (?P<space>\s+|//[^\n]*|/\*.*?\*/)
  | (?P<number>-?(?:\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\d+))
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>->|[{}()\[\],:=])
""", re.VERBOSE | re.DOTALL)


@dataclass
class Call:
    op: str
    positional: list          # of Name or Call
    named: dict               # attribute -> value (int, float, str word, or list)
    line: int


@dataclass
class Name:
    name: str


@dataclass
class Statement:
    name: str
    first: object             # Name or Call
    steps: list               # of Call whose first input is the value on the left
    line: int


@dataclass
class Network:
    name: str
    inputs: list = field(default_factory=list)      # (name, [dims])
    statements: list = field(default_factory=list)
    outputs: list = field(default_factory=list)


def tokens(text):
    at, line = 0, 1
    out = []
    while at < len(text):
        m = TOKEN.match(text, at)
        if not m:
            raise SyntaxError(f"line {line}: cannot read {text[at:at + 20]!r}")
        kind = m.lastgroup
        if kind != "space":
            out.append((kind, m.group(kind), line))
        line += m.group(0).count("\n")
        at = m.end()
    out.append(("end", "", line))
    return out


class Reader:
    def __init__(self, text):
        self.toks = tokens(text)
        self.at = 0

    def peek(self, offset=0):
        return self.toks[self.at + offset]

    def take(self, value=None):
        kind, text, line = self.toks[self.at]
        if value is not None and text != value:
            raise SyntaxError(f"line {line}: expected {value!r}, found {text!r}")
        self.at += 1
        return text

    def networks(self):
        nets = []
        while self.peek()[0] != "end":
            nets.append(self.network())
        return nets

    def network(self):
        self.take("network")
        net = Network(self.take())
        self.take("{")
        while self.peek()[1] != "}":
            word, line = self.peek()[1], self.peek()[2]
            if word == "input":
                self.take()
                name = self.take()
                self.take(":")
                net.inputs.append((name, [int(v) for v in self.value()]))
            elif word == "output":
                self.take()
                net.outputs.append(self.take())
                while self.peek()[1] == ",":
                    self.take()
                    net.outputs.append(self.take())
            else:
                name = self.take()
                self.take("=")
                first = self.expr()
                steps = []
                while self.peek()[1] == "->":
                    self.take()
                    step_line = self.peek()[2]
                    op = self.take()
                    positional, named = ([], {})
                    if self.peek()[1] == "(":
                        positional, named = self.arguments()
                    steps.append(Call(op, positional, named, step_line))
                net.statements.append(Statement(name, first, steps, line))
        self.take("}")
        return net

    def expr(self):
        line = self.peek()[2]
        name = self.take()
        if self.peek()[1] == "(":
            positional, named = self.arguments()
            return Call(name, positional, named, line)
        return Name(name)

    def arguments(self):
        self.take("(")
        positional, named = [], {}
        while self.peek()[1] != ")":
            if self.peek(1)[1] == ":":
                key = self.take()
                self.take(":")
                named[key] = self.value()
            else:
                positional.append(self.expr())
            if self.peek()[1] == ",":
                self.take()
        self.take(")")
        return positional, named

    def value(self):
        kind, text, _ = self.peek()
        if text == "[":
            self.take()
            items = [self.value()]
            while self.peek()[1] == ",":
                self.take()
                items.append(self.value())
            self.take("]")
            return items
        self.take()
        if kind == "number":
            return float(text) if any(c in text for c in ".eE") else int(text)
        return text


def parse(text):
    return Reader(text).networks()
