/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <adwaita.h>

#include "eb-board.h"

#include "eb-application.h"
#include "eb-window.h"

G_BEGIN_DECLS

/* Helpers shared by the tests that drive widgets under Xvfb: running the
 * main loop, finding widgets, and rendering them as they are on screen.
 * The image, board, folder and command-line helpers need no display, so
 * the painter, export and command-line tests use them too. */

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

/* Pixels as B, G, R, A bytes, premultiplied (GDK_MEMORY_DEFAULT, which is
 * also cairo's ARGB32 in memory on little-endian machines). */
typedef struct
{
  guchar *data;
  int     width;
  int     height;
  gsize   stride;
} EbTestImage;

EbTestImage *eb_test_image_download  (GdkTexture      *texture);
EbTestImage *eb_test_image_load_png  (const char      *path);
EbTestImage *eb_test_image_snapshot  (GtkWidget       *widget);
void         eb_test_image_free      (EbTestImage     *image);
void         eb_test_image_pixel     (EbTestImage     *image,
                                      int              x,
                                      int              y,
                                      GdkRGBA         *rgba);
gboolean     eb_test_color_near      (const GdkRGBA   *a,
                                      const GdkRGBA   *b,
                                      double           tolerance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbTestImage, eb_test_image_free)

EbBoard     *eb_test_load_sample     (void);
EbCard      *eb_test_add_card        (EbBoard         *board,
                                      EbCardKind       kind,
                                      const char      *title,
                                      double           x,
                                      double           y);
EbLink      *eb_test_add_link        (EbBoard         *board,
                                      EbCard          *from,
                                      EbCard          *to,
                                      EbLinkKind       kind);

/* Building and comparing boards. */
void         eb_test_take_item            (EbBoard     *board,
                                           gpointer     item);
guint        eb_test_n_cards              (EbBoard     *board);
guint        eb_test_n_links              (EbBoard     *board);
guint        eb_test_n_frames             (EbBoard     *board);
EbBoard     *eb_test_copy_board           (EbBoard     *board);
void         eb_test_assert_boards_equal  (EbBoard     *a,
                                           EbBoard     *b);
char        *eb_test_write_sample_board   (const char  *dir,
                                           const char  *name);
EbCard      *eb_test_find_card_by_title   (EbBoard     *board,
                                           const char  *title);
char        *eb_test_nest                 (const char  *open,
                                           guint        depth);

void         eb_test_remove_dir      (const char      *dir);

typedef struct
{
  int   status;
  char *out;
  char *err;
} EbTestRun;

void         eb_test_run_clear       (EbTestRun       *run);
void         eb_test_run_argv        (EbTestRun       *run,
                                      const char     **args);
void         eb_test_run_binary      (EbTestRun       *run,
                                      const char      *first,
                                      ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EbTestRun, eb_test_run_clear)

EbApplication *eb_test_app_init (int         *argc,
                                 char      ***argv,
                                 const char  *name,
                                 char       **tmp_dir);

/* The running application's windows, dialogs, toasts and bars. */
guint             eb_test_count_board_windows   (void);
gboolean          eb_test_no_board_windows      (gpointer          data);
EbWindow         *eb_test_only_board_window     (void);
AdwMessageDialog *eb_test_find_message_dialog   (void);
gboolean          eb_test_has_message_dialog    (gpointer          data);
gboolean          eb_test_has_no_message_dialog (gpointer          data);
void              eb_test_click_response        (AdwMessageDialog *dialog,
                                                 const char       *label);
guint             eb_test_count_working_copies  (void);
gboolean          eb_test_shows_toast           (GtkWidget        *window,
                                                 const char       *message);
void              eb_test_wait_for_toast        (GtkWidget        *window,
                                                 const char       *message);
EbWindow         *eb_test_open_in_app           (const char       *path);
GtkRevealer      *eb_test_find_bar              (GtkWidget        *window,
                                                 const char       *css_class);
gboolean          eb_test_is_child_revealed     (gpointer          revealer);

G_END_DECLS
