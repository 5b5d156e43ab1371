// SwiftPM builds a C target from at least one source file. Compiling the header here also
// checks every `_Static_assert` once, even in a build that only uses it from Swift.
#include "CSpoorABI.h"
