# `cmake --install <build> [--prefix <dir>]`: everything an out-of-tree plugin
# project needs, so it can do
#
#   find_package(falcogen 1 REQUIRED)
#   falcogen_add_plugin(myplugin MANIFEST plugin.yaml SOURCES src/myplugin.cpp)
#
# Layout (relocatable: nothing below refers to the build or source tree):
#   bin/falcogen                      launcher of the generator (and bin/falcogen-host, host/)
#   include/falcogen/...              runtime and host headers
#   lib/libfalcogen_runtime.a         the runtime plugins link; lib/libfalcogen_host.a
#   lib/cmake/falcogen/               falcogenConfig.cmake, its version file, the exported targets
#   share/falcogen/                   the generator as in a checkout: generator/falcogen (Python),
#                                     templates/, schemas/, cmake/FalcogenAddPlugin.cmake
# Installed only when falcogen is the top-level project, or FALCOGEN_INSTALL is ON
# (a project that pulls falcogen in with add_subdirectory/FetchContent installs
# its own plugin, not falcogen).
include_guard(GLOBAL)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

if(CMAKE_SOURCE_DIR STREQUAL PROJECT_SOURCE_DIR)
  set(_falcogen_top ON)
else()
  set(_falcogen_top OFF)
endif()
option(FALCOGEN_INSTALL "Add falcogen's install rules" ${_falcogen_top})
if(NOT FALCOGEN_INSTALL)
  return()
endif()

set(FALCOGEN_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/falcogen" CACHE STRING
    "Where falcogenConfig.cmake goes, relative to the prefix")
set(FALCOGEN_INSTALL_DATADIR "${CMAKE_INSTALL_DATADIR}/falcogen" CACHE STRING
    "Where the generator, its templates and schemas go, relative to the prefix")

# ---- Runtime (and host) libraries and headers --------------------------------------------------
set_target_properties(falcogen_abi PROPERTIES EXPORT_NAME abi)
set_target_properties(falcogen_runtime PROPERTIES EXPORT_NAME runtime)
set(_falcogen_export_targets falcogen_abi falcogen_runtime)
if(TARGET falcogen_host)
  set_target_properties(falcogen_host PROPERTIES EXPORT_NAME host)
  list(APPEND _falcogen_export_targets falcogen_host)
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/host/include/" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
endif()
install(TARGETS ${_falcogen_export_targets}
        EXPORT falcogenTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/runtime/include/" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(EXPORT falcogenTargets NAMESPACE falcogen:: FILE falcogenTargets.cmake
        DESTINATION "${FALCOGEN_INSTALL_CMAKEDIR}")

# ---- The generator: the same layout as a checkout, under share/falcogen ------------------------
install(DIRECTORY "${PROJECT_SOURCE_DIR}/generator/falcogen"
        DESTINATION "${FALCOGEN_INSTALL_DATADIR}/generator"
        FILES_MATCHING PATTERN "*.py" PATTERN "data/*.json" PATTERN "__pycache__" EXCLUDE)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/templates" "${PROJECT_SOURCE_DIR}/schemas"
        DESTINATION "${FALCOGEN_INSTALL_DATADIR}"
        PATTERN "__pycache__" EXCLUDE)
install(FILES "${PROJECT_SOURCE_DIR}/cmake/FalcogenAddPlugin.cmake"
              "${PROJECT_SOURCE_DIR}/cmake/falcogen_exports.map"
              "${PROJECT_SOURCE_DIR}/cmake/falcogen_exports.darwin"
        DESTINATION "${FALCOGEN_INSTALL_DATADIR}/cmake")

# bin/falcogen: finds share/falcogen relative to itself, so the prefix can move.
set(_falcogen_default_python "")
if(FALCOGEN_PYTHON)
  set(_falcogen_default_python "${FALCOGEN_PYTHON}")
endif()
file(RELATIVE_PATH _falcogen_bin_to_data "/p/${CMAKE_INSTALL_BINDIR}" "/p/${FALCOGEN_INSTALL_DATADIR}")
file(RELATIVE_PATH _falcogen_bin_to_cmake "/p/${CMAKE_INSTALL_BINDIR}" "/p/${FALCOGEN_INSTALL_CMAKEDIR}")
file(CONFIGURE OUTPUT "${PROJECT_BINARY_DIR}/falcogen-launcher" @ONLY CONTENT [=[#!/usr/bin/env bash
# falcogen, installed: runs the generator under ../@_falcogen_bin_to_data@ with a Python 3 that has
# jinja2, yaml and jsonschema: $FALCOGEN_PYTHON, the one falcogen was built with, python3 on PATH,
# or /usr/bin/python3.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
data="$(cd "$here/@_falcogen_bin_to_data@" && pwd)"
py="${FALCOGEN_PYTHON:-}"
if [ -z "$py" ]; then
  for candidate in "@_falcogen_default_python@" "$(command -v python3 || true)" /usr/bin/python3; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" -c 'import jinja2, yaml, jsonschema' 2>/dev/null; then
      py="$candidate"
      break
    fi
  done
fi
if [ -z "$py" ]; then
  echo "falcogen: no Python 3 with jinja2, yaml and jsonschema; install python3-jinja2 python3-yaml python3-jsonschema" >&2
  exit 1
fi
if [ -z "${FALCOGEN_HOST:-}" ] && [ -x "$here/falcogen-host" ]; then
  export FALCOGEN_HOST="$here/falcogen-host"
fi
export FALCOGEN_DATA_DIR="$data"
export FALCOGEN_CMAKE_DIR="$here/@_falcogen_bin_to_cmake@"  # `falcogen cmake-dir`
export PYTHONPATH="$data/generator${PYTHONPATH:+:$PYTHONPATH}"
exec "$py" -m falcogen "$@"
]=])
install(PROGRAMS "${PROJECT_BINARY_DIR}/falcogen-launcher" DESTINATION "${CMAKE_INSTALL_BINDIR}" RENAME falcogen)

# ---- The CMake package ----------------------------------------------------------------------
configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/falcogenConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/falcogenConfig.cmake"
  INSTALL_DESTINATION "${FALCOGEN_INSTALL_CMAKEDIR}"
  PATH_VARS FALCOGEN_INSTALL_DATADIR CMAKE_INSTALL_INCLUDEDIR)
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/falcogenConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/falcogenConfig.cmake" "${PROJECT_BINARY_DIR}/falcogenConfigVersion.cmake"
        DESTINATION "${FALCOGEN_INSTALL_CMAKEDIR}")
