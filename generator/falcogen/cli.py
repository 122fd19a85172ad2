"""The falcogen command line: one subcommand per verb."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import List, Optional

from . import __version__
from .errors import EXIT_ERROR, EXIT_OK, UserError


class _ListGeneratedFiles(argparse.Action):
    """`generate --list`: prints the names of the generated files, one per line, and exits, as --version
    does: every manifest generates the same files, so build systems can declare them before the first
    generation (cmake/FalcogenAddPlugin.cmake) without a manifest, nor a valid one."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        from .render import GENERATED_FILES

        for name in GENERATED_FILES:
            print(name)
        parser.exit(EXIT_OK)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="falcogen",
        description="Generate Falco plugins (plugin API 3.x) from a YAML manifest.",
        epilog="Example: falcogen new hello && cmake -S hello -B hello/build && cmake --build hello/build",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version="falcogen " + __version__)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    new = sub.add_parser(
        "new",
        help="scaffold a new plugin project",
        description="Create a plugin project: manifest, CMakeLists.txt, your source file, a test and a README. "
        "It builds as it is and emits sample events.",
        epilog="Example: falcogen new hello --dir ~/src   # creates ~/src/hello",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.add_argument("name", help="plugin name: lowercase letters, digits, '-' and '_' (e.g. myplugin)")
    new.add_argument("--dir", default=".", help="parent folder of the new project (default: current folder)")
    new.add_argument("--id", type=int, default=999, help="plugin ID (default 999, the development ID)")

    _add_generate_parser(sub)

    skel = sub.add_parser(
        "skeleton",
        help="write a fresh skeleton of your source file, for comparison",
        description="Write a new, compilable skeleton of the author's source file for a manifest: one class per "
        "generated base class, with a stub for every method the manifest asks for. It never touches your own "
        "files: it writes a separate file (default <manifest folder>/<name>.skeleton.cpp) that you can diff "
        "against your source.",
        epilog="Example: falcogen skeleton plugin.yaml && diff -u src/myplugin.cpp myplugin.skeleton.cpp",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    skel.add_argument("manifest", help="the plugin manifest (plugin.yaml)")
    skel.add_argument("-o", "--output", help="file to write (default: <manifest folder>/<name>.skeleton.cpp); an "
                      "existing file is replaced only if it is an earlier skeleton")

    val = sub.add_parser(
        "validate",
        help="check a manifest without generating anything",
        description="Check a manifest against the schema and the framework's rules; report every error with its "
        "file:line:column.",
        epilog="Example: falcogen validate plugin.yaml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    val.add_argument("manifest", help="the plugin manifest (plugin.yaml)")

    _add_docs_parser(sub)
    cmake_dir = sub.add_parser(
        "cmake-dir",
        help="print the folder of falcogen's CMake package (falcogenConfig.cmake)",
        description="Print the folder that holds falcogenConfig.cmake, for find_package(falcogen) in a plugin "
        "project: an installed falcogen's lib/cmake/falcogen, or cmake/ of the source tree that a checkout or "
        "`pip install` provides (that package builds falcogen's runtime and host inside the plugin's build). "
        "A project made by `falcogen new` asks this command by itself when falcogen is on PATH.",
        epilog="Example: cmake -S myplugin -B myplugin/build -Dfalcogen_DIR=\"$(falcogen cmake-dir)\"",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cmake_dir.set_defaults(command="cmake-dir")

    run = sub.add_parser(
        "run",
        help="load a plugin .so like Falco does and print its events",
        description="Run any plugin .so in falcogen's host, which loads it with libsinsp's rules and prints its "
        "events and fields. All arguments go to the host program (falcogen-host); see `falcogen run --help`.",
        add_help=False,
    )
    run.add_argument("args", nargs=argparse.REMAINDER)
    return p


def _add_generate_parser(sub) -> None:
    """`falcogen generate`, the subcommand with the most options."""
    gen = sub.add_parser(
        "generate",
        help="(re)generate the C++ of a plugin from its manifest",
        description="Write the generated C++ files of a manifest. Files whose text does not change are left "
        "untouched, so a no-op run rebuilds nothing.",
        epilog="Examples:\n  falcogen generate plugin.yaml -o build/gen\n"
        "  falcogen generate plugin.yaml -o build/gen --check   # exit 1 if anything is stale\n"
        "  falcogen generate --list                             # the names of the generated files",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    gen.add_argument("manifest", help="the plugin manifest (plugin.yaml)")
    gen.add_argument("--list", action=_ListGeneratedFiles,
                     help="print the names of the generated files, one per line, and exit (every manifest "
                     "generates the same files: no manifest needed)")
    gen.add_argument("-o", "--output", default="falcogen-generated", help="output folder (default: ./falcogen-generated)")
    mode = gen.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="write nothing; exit 1 listing stale or missing files")
    mode.add_argument("--diff", action="store_true", help="write nothing; print the unified diff of what would change")
    mode.add_argument("--dry-run", action="store_true", help="write nothing; list the files that would be written")
    gen.add_argument("--lock", metavar="FILE",
                     help="the lock file (default: beside the manifest, plugin.yaml -> plugin.lock.json); it records "
                     "the layouts old capture files use and the methods your code implements: commit it")
    gen.add_argument("--no-lock", action="store_true",
                     help="neither read nor write a lock file (no layout evolution check, no retired methods)")


def _add_docs_parser(sub) -> None:
    docs = sub.add_parser(
        "docs",
        help="write what publishing the plugin asks for: README fields, registry entry, falco.yaml, rules",
        description="From the manifest, write what the falcosecurity/plugins repository asks of a plugin: the "
        "fields table of its README (between <!-- README-PLUGIN-FIELDS --> markers: the rest of the README is "
        "never touched; a README without them gets the section appended), its registry.yaml entry, the falco.yaml "
        "settings that load it (falco.snippet.yaml) and, once, starter rules (rules/<name>_rules.yaml, yours "
        "afterwards: never overwritten). Unchanged files are not rewritten.",
        epilog="Examples:\n  falcogen docs plugin.yaml\n"
        "  falcogen docs plugin.yaml --check   # exit 1 if the README section, registry entry or snippet is stale",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    docs.add_argument("manifest", help="the plugin manifest (plugin.yaml)")
    docs.add_argument("-o", "--output", help="folder to write in (default: the manifest's folder)")
    docs.add_argument("--readme", help="the README to refresh (default: <output>/README.md)")
    mode = docs.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="write nothing; exit 1 listing stale or missing files")
    mode.add_argument("--diff", action="store_true", help="write nothing; print the unified diff of what would change")


def _load(manifest: str):
    from .manifest import ManifestError, load_manifest

    try:
        return load_manifest(manifest)
    except ManifestError as e:
        for d in e.diagnostics:
            print(d.format(), file=sys.stderr)
        n = len(e.diagnostics)
        print("%d error%s in %s" % (n, "" if n == 1 else "s", manifest), file=sys.stderr)
        return None


def cmd_validate(args) -> int:
    plugin = _load(args.manifest)
    if plugin is None:
        return EXIT_ERROR
    print("%s: ok (plugin %s %s, requires plugin API %s)" % (args.manifest, plugin.name, plugin.version, plugin.required_api_version))
    return EXIT_OK


def cmd_generate(args) -> int:
    from .lock import (LockError, build_lock, check_evolution, dumps, lock_path_for, methods_of, read_lock,
                       retired_methods)
    from .render import render_generated
    from .schemacopy import schema_copy_path, schema_copy_text
    from .writer import Planned, carry_out, plan

    plugin = _load(args.manifest)
    if plugin is None:
        return EXIT_ERROR
    lock_item = None
    retired = []
    if not args.no_lock:
        lock_path = Path(args.lock) if args.lock else lock_path_for(Path(args.manifest))
        try:
            old_lock, old_text = read_lock(lock_path)
        except LockError as e:
            raise UserError(str(e))
        verdict = check_evolution(old_lock, plugin, plugin.acknowledge_breaking_change,
                                  args.manifest, lock_path.name)
        for note in verdict.notes:
            print(note, file=sys.stderr)
        if verdict.errors:
            for line in verdict.errors:
                print(line, file=sys.stderr)
            return EXIT_ERROR
        methods = methods_of(plugin)
        retired = retired_methods(old_lock, methods, plugin.version)
        lock_item = Planned(lock_path, dumps(build_lock(plugin, methods, retired)), old_text)
    items = plan(Path(args.output), render_generated(plugin, retired))
    if lock_item is not None:
        items.append(lock_item)
    schema_copy = schema_copy_path(Path(args.manifest))  # the project's copy, for editors (schemacopy.py)
    if schema_copy is not None:
        items += plan(schema_copy.parent, {schema_copy.name: schema_copy_text()})
    code = carry_out(items, check=args.check, diff=args.diff, dry_run=args.dry_run)
    return EXIT_OK if code is None else code


def cmd_docs(args) -> int:
    from .publish import planned_files, publication, rules_path
    from .writer import carry_out, planned, write_new_only

    plugin = _load(args.manifest)
    if plugin is None:
        return EXIT_ERROR
    folder = Path(args.output) if args.output else Path(args.manifest).parent
    readme = Path(args.readme) if args.readme else folder / "README.md"
    items = [planned(path, text) for path, text in planned_files(plugin, folder, readme).items()]
    code = carry_out(items, check=args.check, diff=args.diff, announce=True)
    if code is not None:
        return code
    pub = publication(plugin)
    rules = rules_path(plugin, folder)
    if pub.rules is None:
        print("no starter rules: the plugin has no field a rule could use without an argument", file=sys.stderr)
    elif write_new_only(rules, pub.rules):
        print("wrote %s (starter rules: yours from now on)" % rules)
    if pub.missing:
        print("note: the registry entry lacks %s: add them under `publish:` in %s" % (
            ", ".join(pub.missing), args.manifest), file=sys.stderr)
    return EXIT_OK


def cmd_skeleton(args) -> int:
    from .skeleton import SKELETON_MARK, skeleton_source

    plugin = _load(args.manifest)
    if plugin is None:
        return EXIT_ERROR
    out = Path(args.output) if args.output else Path(args.manifest).parent / (plugin.name + ".skeleton.cpp")
    if out.exists():
        try:
            first = out.read_text(encoding="utf-8").split("\n", 1)[0]
        except (OSError, UnicodeDecodeError):
            first = ""
        if SKELETON_MARK not in first:
            raise UserError("%s exists and is not a falcogen skeleton: nothing was written (author-owned files are "
                            "never overwritten; choose another file with -o)" % out)
    text = skeleton_source(plugin)
    from .writer import write_atomic

    write_atomic(out, text)
    print("wrote %s" % out)
    return EXIT_OK


def cmd_new(args) -> int:
    from .scaffold import scaffold

    from .paths import source_root

    for path in scaffold(args.name, Path(args.dir), plugin_id=args.id):
        print("created %s" % path)
    project = Path(args.dir) / args.name
    build = project / "build"
    print("next: cmake -S %s -B %s -G Ninja && cmake --build %s && ctest --test-dir %s" % (project, build, build, build))
    print("      falcogen run %s --open 5" % (build / ("lib%s.so" % args.name)))
    root = source_root()
    print("CMake finds falcogen through the `falcogen` command on PATH or an installed falcogen%s (see %s)."
          % ("" if root is None else "; else add -DFALCOGEN_SOURCE_DIR=%s" % root, project / "README.md"))
    return EXIT_OK


def cmd_cmake_dir(args) -> int:
    from .paths import cmake_dir

    found = cmake_dir()
    if found is None or not (found / "falcogenConfig.cmake").is_file():
        raise UserError("this falcogen has no CMake package%s: install falcogen with `cmake --install` or "
                        "`pip install`, or use a checkout" % ("" if found is None else " in %s" % found))
    print(found.resolve())
    return EXIT_OK


def cmd_run(args) -> int:
    from .hostprog import host_program

    rest = list(args.args)
    if rest[:1] == ["--"]:
        rest = rest[1:]
    program = host_program(rest)
    sys.stdout.flush()
    os.execv(program, [program] + rest)
    return EXIT_ERROR  # not reached


COMMANDS = {
    "new": cmd_new,
    "generate": cmd_generate,
    "skeleton": cmd_skeleton,
    "validate": cmd_validate,
    "docs": cmd_docs,
    "cmake-dir": cmd_cmake_dir,
    "run": cmd_run,
}


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["run"]:
        # Everything after `run` belongs to the host program, --help included.
        argv = ["run", "--"] + argv[1:]
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UserError as e:
        print("falcogen %s: error: %s" % (args.command, e), file=sys.stderr)
        return EXIT_ERROR
    except OSError as e:
        print("falcogen %s: error: %s" % (args.command, e), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
