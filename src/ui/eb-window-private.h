/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-canvas.h"
#include "eb-card-details.h"
#include "eb-card-list.h"
#include "eb-link-details.h"
#include "eb-window.h"

G_BEGIN_DECLS

struct _EbWindow
{
  AdwApplicationWindow  parent_instance;

  EbStore              *store;
  EbHistory            *history;
  GSettings            *settings;
  GtkFileChooserNative *save_chooser;
  GtkFileChooserNative *copy_chooser;

  /* The window may close without asking again: the board was saved or
   * its changes were discarded on purpose. */
  guint                 close_confirmed : 1;
  /* A Save As started by the close dialog closes the window when done. */
  guint                 close_after_save : 1;
  /* The store could not write the working copy: the latest changes are
   * only in memory until the board is saved. */
  guint                 working_copy_behind : 1;

  AdwWindowTitle       *window_title;
  GtkWidget            *add_menu_button;
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *write_failed_bar;
  GtkLabel             *write_failed_label;
  GtkRevealer          *read_only_bar;
  GtkLabel             *read_only_label;
  GtkPaned             *paned;
  GtkPaned             *side_paned;
  EbCardList           *card_list;
  EbCanvas             *canvas;
  GtkWidget            *empty_hint;
  GtkButton            *zoom_button;
  GtkStack             *details_stack;
  EbCardDetails        *details;
  EbLinkDetails        *link_details;
  GMenu                *recent_menu;

  /* The inspector's width, kept while it is hidden (nothing selected). */
  int                   inspector_width;

  /* Set while the canvas and the list are brought in step, so neither
   * answers the other's echo. */
  guint                 syncing_selection : 1;
  AdwToast             *read_only_toast;
};

/* eb-window-actions.c */
void      _eb_window_class_actions_init (EbWindowClass *klass);
void      _eb_window_actions_init       (EbWindow      *self);
void      _eb_window_update_actions     (EbWindow      *self);
void      _eb_window_save               (EbWindow      *self,
                                         gboolean       close_after);
void      _eb_window_save_as            (EbWindow      *self,
                                         gboolean       close_after);
void      _eb_window_update_recent      (EbWindow      *self);
gboolean  _eb_window_save_to            (EbWindow      *self,
                                         const char    *path);

/* eb-window-read-only.c */
void      _eb_window_read_only_init     (EbWindow      *self);
void      _eb_window_update_read_only   (EbWindow      *self);

/* eb-window-dnd.c */
void      _eb_window_dnd_init           (EbWindow      *self);

/* eb-window.c */
void      _eb_window_update_title       (EbWindow      *self);
void      _eb_window_show_link          (EbWindow      *self,
                                         EbLink        *link);
char     *_eb_window_dup_display_name   (EbWindow      *self);
void      _eb_window_close_confirmed    (EbWindow      *self);

G_END_DECLS
