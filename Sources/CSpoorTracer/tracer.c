// SwiftPM builds a C target from at least one source file; `spoor_record` itself is defined
// in Swift (Sources/Spoor/Core/CEntry.swift).
#include "CSpoorTracer.h"
