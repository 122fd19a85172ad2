# Sanitizer builds apply to every target of the tree (runtime, host, plugins,
# tests), so instrumented code never calls uninstrumented code it owns.
if(FALCOGEN_SANITIZE AND FALCOGEN_TSAN)
  message(FATAL_ERROR "FALCOGEN_SANITIZE and FALCOGEN_TSAN cannot be combined")
endif()
if(FALCOGEN_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
if(FALCOGEN_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
