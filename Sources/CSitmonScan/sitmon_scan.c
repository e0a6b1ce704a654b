/* The scanning helpers are inline, in include/sitmon_scan.h; a C target needs one source file. */
#include "sitmon_scan.h"
