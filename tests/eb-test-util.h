/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Helpers shared by the tests that drive widgets under Xvfb: running the
 * main loop, finding widgets, and rendering them as they are on screen. */

typedef gboolean (*EbTestCondition) (gpointer data);

void        eb_test_wait_for        (EbTestCondition  condition,
                                     gpointer         data,
                                     const char      *what);
void        eb_test_wait_for_full   (EbTestCondition  condition,
                                     gpointer         data,
                                     guint            timeout_ms,
                                     const char      *what);
void        eb_test_run_for         (guint            ms);
gboolean    eb_test_is_mapped       (gpointer         widget);
gboolean    eb_test_is_allocated    (gpointer         widget);

void        eb_test_collect         (GtkWidget       *root,
                                     GType            type,
                                     GPtrArray       *out);
GPtrArray  *eb_test_find_all        (GtkWidget       *root,
                                     GType            type);
gpointer    eb_test_find_one        (GtkWidget       *root,
                                     GType            type);

GdkTexture *eb_test_render          (GtkWidget       *widget);
void        eb_test_save_texture    (GdkTexture      *texture,
                                     const char      *dir,
                                     const char      *name);
void        eb_test_save_screenshot (GtkWidget       *widget,
                                     const char      *dir,
                                     const char      *name);
gboolean    eb_test_texture_pixel   (GdkTexture      *texture,
                                     int              x,
                                     int              y,
                                     guint8           rgb[3]);

G_END_DECLS
