/* A shared library that is not a convsh plugin: it exports a function, but no convsh_plugin_entry. */
int convsh_fixture_answer(void) { return 42; }
