#include "cli.h"

int main(int argc, char** argv) { return im::cli::main(argc, argv); }
