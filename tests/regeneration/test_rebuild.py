"""Editing a manifest and rebuilding, the way a plugin author does.

Each test starts from a fresh, built copy of tests/regeneration/project (built
against the installed falcogen, found with find_package), edits the manifest,
rebuilds, and checks that exactly the affected translation units recompiled
(from Ninja's log), that the author's source is byte-identical, and that what
the author must do next is spelled out by the compiler.
"""
from __future__ import annotations

import pytest

from conftest import Project, affected_objects, age

ALL_OBJECTS = sorted(["plugin.gen.cpp.o", "regen.cpp.o"])


@pytest.fixture
def project(tmp_path, prefix):
    p = Project(tmp_path, "Ninja", prefix=prefix)
    first = p.build()
    assert first.objects == ALL_OBJECTS, first
    assert p.lock.is_file()
    p.author = p.source.read_bytes()
    p.lock_text = p.lock.read_text()
    return p


def test_noop_build_does_nothing(project):
    again = project.build()
    assert again.objects == [] and not again.generated, again
    assert "no work to do" in again.output


def test_touching_the_manifest_regenerates_but_recompiles_nothing(project):
    age(project.gen_dir.glob("*.gen.*"))  # a rewrite would show in the mtime, within the clock's tick too
    mtimes = project.mtimes()
    project.rewrite()  # same text, newer mtime
    build = project.build()
    assert build.generated and build.objects == [], build
    assert project.mtimes() == mtimes  # unchanged files are not rewritten
    assert project.build().objects == []  # and the next build is a no-op again
    assert "no work to do" in project.build().output


def test_changing_the_description_recompiles_only_the_generated_source(project):
    before = project.snapshot()
    project.edit("description: A plugin whose manifest the regeneration tests edit",
                 "description: A plugin whose manifest the regeneration tests changed")
    build = project.build()
    after = project.snapshot()
    assert [n for n in after if after[n] != before[n]] == ["plugin.gen.cpp"]
    assert build.objects == ["plugin.gen.cpp.o"], build
    assert project.source.read_bytes() == project.author
    assert project.lock.read_text() == project.lock_text


def test_appending_a_layout_member_recompiles_what_includes_the_header(project):
    before = project.snapshot()
    project.edit("      - {name: label, type: string, description: The configured label}\n",
                 "      - {name: label, type: string, description: The configured label}\n"
                 "      - {name: weight, type: u64, description: Appended later}\n")
    build = project.build()
    assert build.objects == affected_objects(before, project.snapshot()), build
    assert project.source.read_bytes() == project.author
    assert '"members": ["count: u32", "label: string", "weight: u64"]' in project.lock.read_text()
    assert project.build().objects == []


def test_adding_a_bound_field_needs_no_author_code(project):
    before = project.snapshot()
    project.append("fields:\n"
                   "  - name: regen.count\n"
                   "    type: uint64\n"
                   "    description: Position of the tick\n"
                   "    from: tick.count\n")
    build = project.build()
    after = project.snapshot()
    assert build.objects == affected_objects(before, after), build
    assert "kFields" in after["plugin.gen.cpp"].decode() or "regen.count" in after["plugin.gen.cpp"].decode()
    assert project.source.read_bytes() == project.author
    assert project.build().objects == []


def test_adding_a_computed_field_names_the_method_to_write(project):
    project.append("fields:\n"
                   "  - name: regen.shout\n"
                   "    type: string\n"
                   "    description: The label in capitals\n"
                   "    computed: true\n")
    line = project.manifest.read_text().splitlines().index("  - name: regen.shout") + 1
    build = project.build(check=False)
    assert build.rc != 0
    assert project.source.read_bytes() == project.author
    out = build.output
    # g++: the author's class is abstract, and the note names the method, its
    # signature and (the declaration's comment) the manifest line asking for it.
    assert "invalid new-expression of abstract class type" in out or "cannot allocate an object of abstract type" in out, out
    assert "because the following virtual functions are pure within" in out, out
    assert "virtual bool regen::PluginBase::extract_regen_shout(const regen::Event&, std::string&)" in out, out
    assert "plugin.yaml:%d: computed field `regen.shout` asks for this method" % line in out, out

    # The author writes the method: the plugin builds.
    project.edit("//@EXTRA_METHODS@", "    bool extract_regen_shout(const Event&, std::string& out) override {\n"
                 "        out = \"TICK\";\n        return true;\n    }", project.source)
    build = project.build()
    # The author's unit, and whatever the failed build had not reached yet.
    assert "regen.cpp.o" in build.objects and not build.generated, build
    assert project.build().objects == []


def test_dropping_a_method_fails_the_leftover_override(project):
    project.edit("version: 1.0.0", "version: 1.1.0")
    project.edit("  progress: true\n", "")
    build = project.build(check=False)
    assert build.rc != 0
    out = build.output
    assert "overriding deleted function" in out, out
    assert "plugin.yaml no longer asks for progress() since version 1.1.0" in out, out
    assert "`source.progress: true` asks for this method" in out, out  # why it was there
    assert project.source.read_bytes() == project.author
    assert '"retired": [' in project.lock.read_text()


def test_a_breaking_layout_change_is_refused_then_acknowledged(project):
    before = project.snapshot()
    project.edit("{name: count, type: u32,", "{name: count, type: u64,")
    build = project.build(check=False)
    assert build.rc != 0
    out = build.output
    line = project.manifest.read_text().splitlines().index("  - name: tick") + 1
    assert "plugin.yaml:%d: error:" % line in out, out
    assert "error: layout 'tick' (tag 1): member 'count' changed its type from u32 to u64" in out, out
    assert "refusing to generate: these changes would make capture files written by regen 1.0.0 unreadable" in out
    assert "append a member at the end of the layout" in out
    assert 'acknowledge_breaking_change: "2.0.0"' in out
    assert project.snapshot() == before
    assert project.lock.read_text() == project.lock_text

    # A version bump without the acknowledgement is not enough, nor the reverse.
    project.edit("version: 1.0.0", "version: 2.0.0")
    assert project.build(check=False).rc != 0
    project.edit("version: 2.0.0", "version: 1.0.1\nacknowledge_breaking_change: \"1.0.1\"")
    out = project.build(check=False).output
    assert "1.0.1 is not a major bump of 1.0.0" in out, out

    project.edit("version: 1.0.1\nacknowledge_breaking_change: \"1.0.1\"",
                 "version: 2.0.0\nacknowledge_breaking_change: \"2.0.0\"")
    build = project.build()
    assert "warning: layout 'tick' (tag 1): member 'count' changed its type from u32 to u64 (acknowledged" in build.output
    assert '"version": "2.0.0"' in project.lock.read_text()
    assert '"count: u64"' in project.lock.read_text()


def test_a_manifest_error_fails_the_build_with_file_line_and_message(project):
    project.edit("type: u32", "type: u33")
    build = project.build(check=False)
    assert build.rc != 0
    line = project.manifest.read_text().splitlines().index("      - {name: count, type: u33, description: Position of the event (from 1)}") + 1
    assert "%s:%d:" % (project.manifest, line) in build.output, build.output
    assert "layouts[0].members[0].type: expected one of" in build.output
    project.edit("type: u33", "type: u32")
    assert project.build().objects == []  # back to what was built: nothing to recompile


@pytest.mark.parametrize("how", ["Unix Makefiles"])
def test_makefiles_rebuild_only_what_changed(tmp_path, prefix, how):
    p = Project(tmp_path, how, prefix=prefix)
    assert p.build().objects == ALL_OBJECTS
    noop = p.build()
    assert noop.objects == [] and not noop.generated, noop
    p.rewrite()
    touched = p.build()
    assert touched.generated and touched.objects == [], touched
    assert not p.build().generated  # the stamp: Make does not rerun the generator each build
    p.edit("description: A plugin whose manifest the regeneration tests edit",
           "description: A plugin whose manifest the regeneration tests changed")
    assert p.build().objects == ["plugin.gen.cpp.o"]
    p.edit("      - {name: label, type: string, description: The configured label}\n",
           "      - {name: label, type: string, description: The configured label}\n"
           "      - {name: weight, type: u64, description: Appended later}\n")
    assert p.build().objects == ALL_OBJECTS
