// libxml2's SAX2 parser, used directly by the UBL reader (XMLEvents.swift).
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, so its encoding.h pulls in ICU's headers, which clash with
// the ICU copy Foundation ships. Only xmlCharEncodingHandler's private fields depend on it, and
// Swift never touches that struct (only pointers to it).
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
