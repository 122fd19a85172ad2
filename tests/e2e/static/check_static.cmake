# cmake -DLIBRARY=libx.a -DNAME=x -P check_static.cmake
# Fails unless the static plugin defines no global plugin_* symbol (two static
# plugins would clash) and defines its table function falcogen_plugin_api_<name>.
execute_process(COMMAND nm --defined-only -g "${LIBRARY}" OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nm failed on ${LIBRARY}")
endif()
if(out MATCHES "[ \n][A-Z] plugin_[a-z_]+")
  message(FATAL_ERROR "${LIBRARY} defines a global ${CMAKE_MATCH_0}:\n${out}")
endif()
if(NOT out MATCHES "[ \n]T falcogen_plugin_api_${NAME}\n")
  message(FATAL_ERROR "${LIBRARY} does not define falcogen_plugin_api_${NAME}:\n${out}")
endif()
message(STATUS "${LIBRARY}: no global plugin_* symbol, falcogen_plugin_api_${NAME} defined")
