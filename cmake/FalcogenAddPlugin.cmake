# falcogen_add_plugin(<target> MANIFEST <plugin.yaml> SOURCES <your sources...>
#                     [OUTPUT_DIR <dir>] [STATIC])
#
# Builds a Falco plugin (a MODULE library: lib<target>.so on Linux,
# lib<target>.dylib on macOS, <target>.dll on Windows, exporting the plugin_*
# functions and nothing else) from a manifest and your sources. With STATIC, a
# static library for hosts that link plugins in: its plugin_* functions stay
# local and its interface is falcogen_plugin_api_<name>(), which returns the
# plugin's plugin_api table (docs/static-plugins.md); link it PUBLIC with the
# runtime. The generator runs at build time whenever the manifest, a
# template or the generator itself changes; it rewrites only files whose text
# changes, so only what the edit affects recompiles. Generated files go to the
# build tree (never beside your sources) and your sources include
# "plugin.gen.hpp".
include_guard(GLOBAL)

get_filename_component(_falcogen_cmake_dir "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)
if(NOT DEFINED FALCOGEN_ROOT)
  get_filename_component(FALCOGEN_ROOT "${_falcogen_cmake_dir}/.." ABSOLUTE)
endif()
set(FALCOGEN_GENERATOR_DIR "${FALCOGEN_ROOT}/generator" CACHE PATH "Folder holding the falcogen Python package")
set(FALCOGEN_TEMPLATES_DIR "${FALCOGEN_ROOT}/templates" CACHE PATH "falcogen's Jinja2 templates")
set(FALCOGEN_SCHEMAS_DIR "${FALCOGEN_ROOT}/schemas" CACHE PATH "falcogen's JSON schemas")
set(FALCOGEN_EXPORTS_MAP "${_falcogen_cmake_dir}/falcogen_exports.map" CACHE FILEPATH "Linker version script of plugins")
set(FALCOGEN_EXPORTS_LIST "${_falcogen_cmake_dir}/falcogen_exports.darwin" CACHE FILEPATH
    "Exported-symbols list of plugins on macOS")

# A Python 3 that can import the generator's dependencies.
function(_falcogen_find_python)
  if(FALCOGEN_PYTHON)
    return()
  endif()
  find_program(_falcogen_py_path NAMES python3 python NO_CACHE)
  foreach(candidate ${_falcogen_py_path} /usr/bin/python3 /usr/local/bin/python3)
    if(EXISTS "${candidate}")
      execute_process(COMMAND "${candidate}" -c "import jinja2, yaml, jsonschema"
                      RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
      if(rc EQUAL 0)
        set(FALCOGEN_PYTHON "${candidate}" CACHE FILEPATH "Python interpreter that runs falcogen")
        return()
      endif()
    endif()
  endforeach()
  message(FATAL_ERROR "falcogen: no Python 3 with jinja2, yaml and jsonschema found. "
                      "Install python3-jinja2 python3-yaml python3-jsonschema (Debian) or set FALCOGEN_PYTHON.")
endfunction()

# The command that runs the generator, in the environment of every run (the
# generation at build time, the list of files at configure time): falcogen's
# Python package on PYTHONPATH, its templates and schemas under FALCOGEN_DATA_DIR.
function(_falcogen_command out_var)
  _falcogen_find_python()
  set(${out_var} "${CMAKE_COMMAND}" -E env "PYTHONPATH=${FALCOGEN_GENERATOR_DIR}" "FALCOGEN_DATA_DIR=${FALCOGEN_ROOT}"
      "${FALCOGEN_PYTHON}" -m falcogen PARENT_SCOPE)
endfunction()

# The names of the files every plugin's generation produces, from the generator
# itself (`falcogen generate --list`: the same for every manifest), so they can
# be declared as outputs before the generator ever ran. Asked once per configure
# and kept in a global property, not a variable: falcogen_generate is also
# called from projects that pulled falcogen in with add_subdirectory, where this
# file's variables are out of scope. A new or renamed generated file comes with
# a new template, which re-runs the configure step (the CONFIGURE_DEPENDS glob
# of templates in falcogen_generate), so the list is never stale.
function(_falcogen_generated_files out_var)
  get_property(known GLOBAL PROPERTY FALCOGEN_GENERATED_FILES SET)
  if(NOT known)
    _falcogen_command(falcogen)
    execute_process(COMMAND ${falcogen} generate --list
                    RESULT_VARIABLE rc OUTPUT_VARIABLE listed ERROR_VARIABLE error)
    string(STRIP "${listed}" listed)
    string(REPLACE "\n" ";" files "${listed}")
    list(LENGTH files count)
    set(names_only TRUE)  # one plain file name a line, nothing else
    foreach(f ${files})
      if(NOT f MATCHES "^[A-Za-z0-9_.+-]+$")
        set(names_only FALSE)
      endif()
    endforeach()
    if(NOT rc EQUAL 0 OR count EQUAL 0 OR NOT names_only)
      string(STRIP "${listed}\n${error}" output)
      message(FATAL_ERROR "falcogen: cannot get the list of generated files: `falcogen generate --list` "
                          "(${FALCOGEN_PYTHON}, PYTHONPATH=${FALCOGEN_GENERATOR_DIR}, "
                          "FALCOGEN_DATA_DIR=${FALCOGEN_ROOT}) exited with ${rc}:\n${output}\n"
                          "Check that FALCOGEN_GENERATOR_DIR holds the falcogen package and that FALCOGEN_PYTHON "
                          "can import jinja2, yaml and jsonschema.")
    endif()
    set_property(GLOBAL PROPERTY FALCOGEN_GENERATED_FILES ${files})
  endif()
  get_property(files GLOBAL PROPERTY FALCOGEN_GENERATED_FILES)
  set(${out_var} ${files} PARENT_SCOPE)
endfunction()

# falcogen_generate(MANIFEST <plugin.yaml> OUTPUT_DIR <dir> OUTPUTS <var>)
# Only the generation step: a custom command writing the generated files into
# OUTPUT_DIR, whose paths are returned in <var>. falcogen_add_plugin uses it;
# tests that need the generated codecs without a plugin use it directly.
function(falcogen_generate)
  cmake_parse_arguments(ARG "" "MANIFEST;OUTPUT_DIR;OUTPUTS;COMMENT" "" ${ARGN})
  _falcogen_command(falcogen)
  get_filename_component(manifest "${ARG_MANIFEST}" ABSOLUTE)
  get_filename_component(gen_dir "${ARG_OUTPUT_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  set(outputs "")
  _falcogen_generated_files(generated_files)
  foreach(f ${generated_files})
    list(APPEND outputs "${gen_dir}/${f}")
  endforeach()
  # Everything the generated text depends on: an edit to any of these regenerates.
  file(GLOB_RECURSE templates CONFIGURE_DEPENDS "${FALCOGEN_TEMPLATES_DIR}/*.j2")
  file(GLOB_RECURSE generator_sources CONFIGURE_DEPENDS "${FALCOGEN_GENERATOR_DIR}/falcogen/*.py")
  file(GLOB schemas CONFIGURE_DEPENDS "${FALCOGEN_SCHEMAS_DIR}/*.json")
  if(NOT ARG_COMMENT)
    set(ARG_COMMENT "falcogen: generating from ${ARG_MANIFEST}")
  endif()
  # The stamp is the command's only OUTPUT and is touched on every run; the
  # generated files are BYPRODUCTS, rewritten only when their text changes.
  # Ninja restats byproducts (an unchanged file triggers no recompile), and
  # Make, which compares mtimes, does not rerun the generator on every build
  # after an edit that changed nothing (the stamp is newer than the manifest).
  # The lock file beside the manifest (docs/workflow.md) is neither: the
  # generator reads it and rewrites it only when it changes.
  set(stamp "${gen_dir}/falcogen.stamp")
  add_custom_command(
    OUTPUT "${stamp}"
    BYPRODUCTS ${outputs}
    COMMAND ${falcogen} generate "${manifest}" -o "${gen_dir}"
    COMMAND ${CMAKE_COMMAND} -E touch "${stamp}"
    DEPENDS "${manifest}" ${templates} ${generator_sources} ${schemas}
    COMMENT "${ARG_COMMENT}"
    VERBATIM)
  set(${ARG_OUTPUTS} ${outputs} "${stamp}" PARENT_SCOPE)
endfunction()

function(falcogen_add_plugin target)
  cmake_parse_arguments(ARG "STATIC" "MANIFEST;OUTPUT_DIR" "SOURCES" ${ARGN})
  if(NOT ARG_MANIFEST)
    message(FATAL_ERROR "falcogen_add_plugin(${target}): MANIFEST is required")
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "falcogen_add_plugin(${target}): SOURCES (your implementation) is required")
  endif()
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/${target}.falcogen")
  endif()
  get_filename_component(gen_dir "${ARG_OUTPUT_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  falcogen_generate(MANIFEST "${ARG_MANIFEST}" OUTPUT_DIR "${gen_dir}" OUTPUTS outputs
                    COMMENT "falcogen: generating ${target} from ${ARG_MANIFEST}")

  if(ARG_STATIC)
    # Linked into a host program: the runtime goes with it, the plugin_* functions stay
    # local to plugin.gen.cpp (FALCOGEN_STATIC_PLUGIN), the plugin_api table is public.
    add_library(${target} STATIC ${ARG_SOURCES} ${outputs})
    target_compile_definitions(${target} PRIVATE FALCOGEN_STATIC_PLUGIN)
    target_link_libraries(${target} PUBLIC falcogen::runtime)
  else()
    add_library(${target} MODULE ${ARG_SOURCES} ${outputs})
    target_link_libraries(${target} PRIVATE falcogen::runtime)
  endif()
  target_include_directories(${target} PRIVATE "${gen_dir}")
  set_target_properties(${target} PROPERTIES
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    POSITION_INDEPENDENT_CODE ON)
  target_compile_features(${target} PRIVATE cxx_std_17)
  if(NOT ARG_STATIC)
    _falcogen_module_exports(${target})
    _falcogen_name_host(${target})
  endif()
endfunction()

# What a plugin module exports, and its file name, per platform: only plugin_* (a
# version script on ELF platforms, an exported-symbols list on macOS; on Windows the
# functions marked __declspec(dllexport) by FALCOGEN_EXPORT, and nothing else).
function(_falcogen_module_exports target)
  if(WIN32)
    set_target_properties(${target} PROPERTIES PREFIX "")  # hello.dll, as Windows names DLLs
  elseif(APPLE)
    set_target_properties(${target} PROPERTIES PREFIX "lib" SUFFIX ".dylib")
    target_link_options(${target} PRIVATE "LINKER:-exported_symbols_list,${FALCOGEN_EXPORTS_LIST}")
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${FALCOGEN_EXPORTS_LIST}")
  else()
    set_target_properties(${target} PROPERTIES PREFIX "lib")
    target_link_options(${target} PRIVATE "LINKER:--version-script=${FALCOGEN_EXPORTS_MAP}")
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${FALCOGEN_EXPORTS_MAP}")
    # A missing make_plugin() or method definition fails the link, not dlopen; but a
    # sanitizer's runtime is found only when the host loads the plugin, so not then.
    # (Windows and macOS refuse undefined symbols in a DLL or a bundle by themselves.)
    _falcogen_sanitized(sanitized)
    if(FALCOGEN_NO_UNDEFINED AND NOT sanitized)
      target_link_options(${target} PRIVATE "LINKER:--no-undefined")
    endif()
  endif()
endfunction()

option(FALCOGEN_NO_UNDEFINED "Link plugins with --no-undefined (dropped by itself in sanitizer builds)" ON)

# Whether the build compiles or links with a sanitizer (-fsanitize=...), by falcogen's
# options or the author's own flags: the compile and linker flags, for every
# configuration, and the options of the calling folder (add_compile_options,
# add_link_options). Sanitized code refers to symbols of the sanitizer's runtime
# library, which is linked into the program, not the plugin: --no-undefined would
# reject them.
function(_falcogen_sanitized out_var)
  if(FALCOGEN_SANITIZE OR FALCOGEN_TSAN)
    set(${out_var} TRUE PARENT_SCOPE)
    return()
  endif()
  set(flags "")
  set(suffixes "_")  # "_": no configuration (CMAKE_CXX_FLAGS), then _DEBUG, _RELEASE...
  foreach(config ${CMAKE_CONFIGURATION_TYPES} ${CMAKE_BUILD_TYPE})
    string(TOUPPER "_${config}" config)
    list(APPEND suffixes "${config}")
  endforeach()
  foreach(suffix ${suffixes})
    string(REGEX REPLACE "^_$" "" suffix "${suffix}")
    foreach(kind CMAKE_C_FLAGS CMAKE_CXX_FLAGS CMAKE_SHARED_LINKER_FLAGS CMAKE_MODULE_LINKER_FLAGS
                 CMAKE_EXE_LINKER_FLAGS)
      string(APPEND flags " ${${kind}${suffix}}")
    endforeach()
  endforeach()
  get_directory_property(compile_options COMPILE_OPTIONS)
  get_directory_property(link_options LINK_OPTIONS)
  string(APPEND flags " ${compile_options} ${link_options} $ENV{CXXFLAGS} $ENV{LDFLAGS}")
  if(flags MATCHES "-fsanitize=")
    set(${out_var} TRUE PARENT_SCOPE)
  else()
    set(${out_var} FALSE PARENT_SCOPE)
  endif()
endfunction()

# `falcogen run lib<target>.so` runs the plugin in the host that its build made:
# a project that builds falcogen from source (add_subdirectory, FetchContent, the
# falcogenConfig.cmake of a checkout or a pip installation) builds the host
# program with the plugin; an installed falcogen has bin/falcogen-host. Its path
# goes in a file beside the plugin, lib<target>.so.falcogen-host.
function(_falcogen_name_host target)
  if(TARGET falcogen-host)
    # Built with the plugin, unless falcogen is the top-level project (whose default build
    # has it, and whose targeted builds, fuzz or tsan, need not wait for it).
    get_target_property(host_dir falcogen-host SOURCE_DIR)
    get_filename_component(host_tree "${host_dir}/.." ABSOLUTE)
    if(NOT host_tree STREQUAL CMAKE_SOURCE_DIR)
      add_dependencies(${target} falcogen-host)
    endif()
    set(host "$<TARGET_FILE:falcogen-host>")
  elseif(FALCOGEN_HOST_PROGRAM)
    set(host "${FALCOGEN_HOST_PROGRAM}")
  else()
    return()
  endif()
  file(GENERATE OUTPUT "$<TARGET_FILE:${target}>.falcogen-host" CONTENT "${host}\n")
endfunction()
