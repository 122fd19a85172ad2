"""How long the project's files and functions are, so that they stay what a reader holds at once.

    python3 tests/style/sizes.py      lists every file over MAX_FILE_LINES and function over MAX_FUNCTION_LINES

Checked: the product's code (runtime/, host/, generator/, bench/, scripts/,
cmake/, templates/, examples/). Not checked: tests/ (test tables and test
cases read top to bottom) and tables (schemas, data files).
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from typing import Iterator, List, Tuple

ROOT = Path(__file__).resolve().parents[2]
MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 80
CODE_FOLDERS = ("runtime", "host", "generator", "bench", "scripts", "cmake", "templates", "examples")
CPP_SUFFIXES = (".cpp", ".hpp", ".h", ".c")
CHECKED_SUFFIXES = CPP_SUFFIXES + (".py", ".sh", ".cmake", ".j2", ".txt")


def code_files() -> Iterator[Path]:
    for folder in CODE_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in CHECKED_SUFFIXES and "__pycache__" not in path.parts:
                yield path


# ---- C and C++ functions ----------------------------------------------------------------------

_STRINGS_AND_COMMENTS = re.compile(r'R"(\w*)\(.*?\)\1"|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|//[^\n]*|/\*.*?\*/'
                                   r"|^[ \t]*#[^\n]*", re.S | re.M)
_SCOPE_HEAD = re.compile(r"^\s*(template\s*<.*>\s*)?(namespace|class|struct|union|enum|extern\s*\"C\")\b", re.S)


def _blank(match: re.Match) -> str:
    """Keeps the newlines of a string or comment (line numbers stay right), drops its braces."""
    return re.sub(r"[^\n]", " ", match.group(0))


def _without_template_clause(head: str) -> str:
    """`template <typename T, ...> int f(T)` -> ` int f(T)`."""
    head = head.lstrip()
    if not head.startswith("template"):
        return head
    depth = 0
    for i, ch in enumerate(head):
        if ch == "<":
            depth += 1
        elif ch == ">":
            depth -= 1
            if depth == 0:
                return head[i + 1:]
    return head


def _kind(head: str, inside_function: bool) -> str:
    """What a '{' opens, from the text since the previous statement: scope | function | block."""
    if inside_function:
        return "block"
    if _SCOPE_HEAD.match(head):
        return "scope"
    name = _without_template_clause(head).split("(")[0]
    if ")" in head and not re.search(r"(?<!operator)(?<![=!<>])=(?!=)", name):
        return "function"
    return "block"  # an initializer list or a table


def cpp_functions(text: str) -> List[Tuple[int, int]]:
    """(first line, last line) of every function body at namespace or class scope."""
    code = _STRINGS_AND_COMMENTS.sub(_blank, text)
    out = []
    stack: List[Tuple[str, int]] = []  # (kind, line of its '{')
    head_start, line = 0, 1
    for i, ch in enumerate(code):
        if ch == "\n":
            line += 1
        elif ch == "{":
            stack.append((_kind(code[head_start:i], any(k == "function" for k, _ in stack)), line))
            head_start = i + 1
        elif ch == "}":
            if stack:
                kind, start = stack.pop()
                if kind == "function":
                    out.append((start, line))
            head_start = i + 1
        elif ch == ";":
            head_start = i + 1
    return out


def cpp_function_lengths(path: Path) -> List[Tuple[int, int]]:
    """(first line, length in lines) of each function of a C/C++ file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return [(start, end - start + 1) for start, end in cpp_functions(text)]


# ---- Python functions -------------------------------------------------------------------------

def python_function_lengths(path: Path) -> List[Tuple[int, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.lineno, node.end_lineno - node.lineno + 1) for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


def function_lengths(path: Path) -> List[Tuple[int, int]]:
    if path.suffix in CPP_SUFFIXES:
        return cpp_function_lengths(path)
    if path.suffix == ".py":
        return python_function_lengths(path)
    return []


# ---- Findings -------------------------------------------------------------------------------

def long_files() -> List[str]:
    out = []
    for path in code_files():
        n = len(path.read_text(encoding="utf-8", errors="replace").splitlines())
        if n > MAX_FILE_LINES:
            out.append("%s: %d lines (at most %d)" % (path.relative_to(ROOT), n, MAX_FILE_LINES))
    return out


def long_functions() -> List[str]:
    out = []
    for path in code_files():
        for start, length in function_lengths(path):
            if length > MAX_FUNCTION_LINES:
                out.append("%s:%d: a function of %d lines (at most %d)" % (path.relative_to(ROOT), start, length,
                                                                          MAX_FUNCTION_LINES))
    return out


if __name__ == "__main__":
    findings = long_files() + long_functions()
    print("\n".join(findings) or "ok")
    sys.exit(1 if findings else 0)
