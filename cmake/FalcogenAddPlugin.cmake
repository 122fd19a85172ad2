# falcogen_add_plugin(<target> MANIFEST <plugin.yaml> SOURCES <your sources...>
#                     [OUTPUT_DIR <dir>])
#
# Builds a Falco plugin (a MODULE library, lib<target>.so) from a manifest and
# your sources. The generator runs at build time whenever the manifest, a
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

# The files every plugin's generation produces (fixed names, so they can be
# declared as outputs before the generator ever ran). A global property, not a
# variable: the function is also called from projects that pulled falcogen in
# with add_subdirectory, where this file's variables are out of scope.
set_property(GLOBAL PROPERTY FALCOGEN_GENERATED_FILES plugin.gen.hpp plugin.gen.cpp)

# falcogen_generate(MANIFEST <plugin.yaml> OUTPUT_DIR <dir> OUTPUTS <var>)
# Only the generation step: a custom command writing the generated files into
# OUTPUT_DIR, whose paths are returned in <var>. falcogen_add_plugin uses it;
# tests that need the generated codecs without a plugin use it directly.
function(falcogen_generate)
  cmake_parse_arguments(ARG "" "MANIFEST;OUTPUT_DIR;OUTPUTS;COMMENT" "" ${ARGN})
  _falcogen_find_python()
  get_filename_component(manifest "${ARG_MANIFEST}" ABSOLUTE)
  get_filename_component(gen_dir "${ARG_OUTPUT_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  set(outputs "")
  get_property(generated_files GLOBAL PROPERTY FALCOGEN_GENERATED_FILES)
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
    COMMAND ${CMAKE_COMMAND} -E env "PYTHONPATH=${FALCOGEN_GENERATOR_DIR}" "FALCOGEN_DATA_DIR=${FALCOGEN_ROOT}"
            "${FALCOGEN_PYTHON}" -m falcogen generate "${manifest}" -o "${gen_dir}"
    COMMAND ${CMAKE_COMMAND} -E touch "${stamp}"
    DEPENDS "${manifest}" ${templates} ${generator_sources} ${schemas}
    COMMENT "${ARG_COMMENT}"
    VERBATIM)
  set(${ARG_OUTPUTS} ${outputs} "${stamp}" PARENT_SCOPE)
endfunction()

function(falcogen_add_plugin target)
  cmake_parse_arguments(ARG "" "MANIFEST;OUTPUT_DIR" "SOURCES" ${ARGN})
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

  add_library(${target} MODULE ${ARG_SOURCES} ${outputs})
  target_include_directories(${target} PRIVATE "${gen_dir}")
  target_link_libraries(${target} PRIVATE falcogen::runtime)
  set_target_properties(${target} PROPERTIES
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    PREFIX "lib")
  target_compile_features(${target} PRIVATE cxx_std_17)
  target_link_options(${target} PRIVATE "LINKER:--version-script=${FALCOGEN_EXPORTS_MAP}")
  if(NOT FALCOGEN_SANITIZE AND NOT FALCOGEN_TSAN)
    # A missing make_plugin() or method definition fails the link, not dlopen.
    target_link_options(${target} PRIVATE "LINKER:--no-undefined")
  endif()
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${FALCOGEN_EXPORTS_MAP}")
endfunction()
