#ifndef LEDGERMAIL_CCAIRO_SHIM_H
#define LEDGERMAIL_CCAIRO_SHIM_H

// cairo draws the PDF; pango lays out (wraps, shapes, aligns) the text.
//
// Why pango is declared by hand below instead of #include <pango/pangocairo.h>:
// pango's headers pull in glib, harfbuzz and freetype from directories such
// as /usr/include/glib-2.0 and /usr/lib/<arch>/glib-2.0/include. Only
// pkg-config can give those -I flags to a system library target, and the
// pkg-config flags also carry -pthread, which SwiftPM refuses with a warning.
// cairo's headers include each other with quotes, so <cairo/cairo.h> works
// from /usr/include alone.
//
// The declarations are copied from pango 1.50 (Debian 12), with the glib
// types spelled out (gint = int, gpointer = void *). All of them exist,
// unchanged, since pango 1.10; Debian: libpango1.0-dev, libcairo2-dev.
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>

/// Opaque GObject (pango/pango-layout.h); released with g_object_unref.
typedef struct _PangoLayout PangoLayout;
/// Opaque boxed struct (pango/pango-font.h); released with pango_font_description_free.
typedef struct _PangoFontDescription PangoFontDescription;

/// pango/pango-types.h: pango units per device unit (here, per PDF point).
#define PANGO_SCALE 1024

/// pango/pango-layout.h
typedef enum {
    PANGO_ALIGN_LEFT,
    PANGO_ALIGN_CENTER,
    PANGO_ALIGN_RIGHT
} PangoAlignment;

/// pango/pango-layout.h
typedef enum {
    PANGO_WRAP_WORD,
    PANGO_WRAP_CHAR,
    PANGO_WRAP_WORD_CHAR
} PangoWrapMode;

/// pango/pango-layout.h
typedef enum {
    PANGO_ELLIPSIZE_NONE,
    PANGO_ELLIPSIZE_START,
    PANGO_ELLIPSIZE_MIDDLE,
    PANGO_ELLIPSIZE_END
} PangoEllipsizeMode;

// pango/pangocairo.h
PangoLayout *pango_cairo_create_layout(cairo_t *cr);
void pango_cairo_show_layout(cairo_t *cr, PangoLayout *layout);

// pango/pango-font.h
PangoFontDescription *pango_font_description_from_string(const char *str);
void pango_font_description_free(PangoFontDescription *desc);

// pango/pango-layout.h
void pango_layout_set_font_description(PangoLayout *layout, const PangoFontDescription *desc);
void pango_layout_set_markup(PangoLayout *layout, const char *markup, int length);
void pango_layout_set_width(PangoLayout *layout, int width);
void pango_layout_set_height(PangoLayout *layout, int height);
void pango_layout_set_wrap(PangoLayout *layout, PangoWrapMode wrap);
void pango_layout_set_alignment(PangoLayout *layout, PangoAlignment alignment);
void pango_layout_set_ellipsize(PangoLayout *layout, PangoEllipsizeMode ellipsize);
void pango_layout_get_pixel_size(PangoLayout *layout, int *width, int *height);

// gobject/gobject.h
void g_object_unref(void *object);

#endif
