// What both programs do the same way with their command line: --help, --version.
// Header-only so that common/ itself does not depend on Boost.Program_options.
#pragma once

#include <cstdlib>
#include <iostream>
#include <string_view>

#include <boost/program_options.hpp>

namespace minutes {

// Prints the help or the version and exits 0 when the command line asked for either.
inline void exit_on_help_or_version(const boost::program_options::variables_map& vm,
                                    const boost::program_options::options_description& opts,
                                    std::string_view program) {
    if (vm.count("help")) {
        std::cout << opts << "\n";
        std::exit(0);
    }
    if (vm.count("version")) {
        std::cout << program << " " << MINUTES_VERSION << "\n";
        std::exit(0);
    }
}

}  // namespace minutes
