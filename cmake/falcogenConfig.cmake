# falcogen's CMake package from a source tree: a checkout, or the copy of the
# sources that `pip install` puts in <venv>/share/falcogen. `falcogen cmake-dir`
# prints this folder; a plugin project finds it with
#
#   find_package(falcogen 1 REQUIRED)   # cmake -Dfalcogen_DIR="$(falcogen cmake-dir)" ...
#
# It builds falcogen's runtime and host from the tree around this file inside the
# plugin's build (add_subdirectory, nothing installed), then provides what the
# installed package does (lib/cmake/falcogen, from falcogenConfig.cmake.in):
# falcogen_add_plugin(), falcogen_generate(), the targets falcogen::runtime,
# falcogen::host, falcogen::abi and the program falcogen-host, FALCOGEN_EXECUTABLE.
get_filename_component(_falcogen_tree "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)

function(_falcogen_add_source_tree tree)
  # Only the libraries and the host program: no tests, examples, benchmarks or install rules.
  set(FALCOGEN_BUILD_TESTS OFF)
  set(FALCOGEN_BUILD_EXAMPLES OFF)
  set(FALCOGEN_BUILD_BENCH OFF)
  set(FALCOGEN_INSTALL OFF)
  add_subdirectory("${tree}" "${CMAKE_BINARY_DIR}/_falcogen" EXCLUDE_FROM_ALL)
endfunction()

if(NOT TARGET falcogen::runtime)
  _falcogen_add_source_tree("${_falcogen_tree}")
endif()

set(FALCOGEN_ROOT "${_falcogen_tree}")
set(FALCOGEN_DATA_DIR "${_falcogen_tree}")
if(EXISTS "${_falcogen_tree}/bin/falcogen")
  set(FALCOGEN_EXECUTABLE "${_falcogen_tree}/bin/falcogen")
endif()
set(falcogen_FOUND TRUE)
