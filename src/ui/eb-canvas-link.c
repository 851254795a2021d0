/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "eb-canvas-private.h"

/* Drawing links on the canvas. A link is made by dropping the link
 * handle of a card on another card, or by pressing L and picking the
 * other card by name. Either way a popover opens at the new link to
 * choose its kind and type its label; creation, kind and label are one
 * undo step, closed when the popover closes. */

#define MAX_TARGETS 50

static GtkToggleButton *
kind_button (EbCanvas   *self,
             EbLinkKind  kind)
{
  switch (kind)
    {
    case EB_LINK_KIND_REPORTED_BY:
      return self->kind_reported_by;
    case EB_LINK_KIND_SUPPORTS:
      return self->kind_supports;
    case EB_LINK_KIND_CONTRADICTS:
      return self->kind_contradicts;
    case EB_LINK_KIND_RELATED:
    default:
      return self->kind_related;
    }
}

static void
on_kind_toggled (GtkToggleButton *button,
                 EbCanvas        *self)
{
  if (!gtk_toggle_button_get_active (button) || self->new_link == NULL)
    return;
  _eb_canvas_link_choose_kind (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "eb-kind")));
  /* A click or mnemonic on a kind moves the focus to its button: bring
   * it back to the label so typing and Enter still finish the link. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->link_popover)))
    gtk_entry_grab_focus_without_selecting (self->link_label_entry);
}

static void
on_label_activate (GtkEntry *entry,
                   EbCanvas *self)
{
  _eb_canvas_link_confirm (self);
}

static void
on_link_popover_closed (GtkPopover *popover,
                        EbCanvas   *self)
{
  _eb_canvas_link_finish (self);
}

/**
 * _eb_canvas_create_link:
 * @self: a canvas
 * @from: the card the link starts at
 * @to: the card it points to
 *
 * Adds a "related" link from @from to @to, selects it and opens the
 * popover for its kind and label. The undo step stays open until the
 * popover closes.
 *
 * Returns: (transfer none) (nullable): the new link, held by the board
 */
EbLink *
_eb_canvas_create_link (EbCanvas *self,
                        EbCard   *from,
                        EbCard   *to)
{
  g_autoptr(EbLink) link = NULL;
  g_autoptr(GError) error = NULL;
  graphene_point_t p[4];
  double mx, my, sx, sy;

  if (self->history == NULL || !_eb_canvas_may_edit (self))
    return NULL;
  _eb_canvas_link_finish (self);

  link = eb_link_new (eb_item_get_id (EB_ITEM (from)), eb_item_get_id (EB_ITEM (to)),
                      EB_LINK_KIND_RELATED, NULL);
  g_object_set (link, "direction", EB_LINK_DIRECTION_FORWARD, NULL);

  /* Translators: the name of an undo step, as in “Undo Add Link” */
  eb_history_begin (self->history, C_("undo step", "Add Link"));
  if (!eb_history_add (self->history, EB_ITEM (link), &error))
    {
      eb_history_end (self->history);
      g_warning ("Cannot add a link: %s", error->message);
      return NULL;
    }
  self->link_group_open = TRUE;
  self->new_link = g_object_ref (link);

  _eb_canvas_set_selection (self, EB_ITEM (link));

  gtk_toggle_button_set_active (self->kind_related, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->link_label_entry), "");

  /* At the middle of the curve, where its label will be. */
  eb_canvas_reveal_item (self, EB_ITEM (link));
  eb_painter_link_ends (self->painter, link, p);
  mx = 0.125 * p[0].x + 0.375 * p[1].x + 0.375 * p[2].x + 0.125 * p[3].x;
  my = 0.125 * p[0].y + 0.375 * p[1].y + 0.375 * p[2].y + 0.125 * p[3].y;
  eb_viewport_to_screen (self->viewport, mx, my, &sx, &sy);
  _eb_canvas_point_popover (self, self->link_popover, sx, sy, 1, 1);
  gtk_popover_popup (self->link_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->link_label_entry));

  return link;
}

/* Sets the new link's kind, inside its creation step. */
void
_eb_canvas_link_choose_kind (EbCanvas   *self,
                             EbLinkKind  kind)
{
  GtkToggleButton *button = kind_button (self, kind);

  if (self->new_link == NULL)
    return;

  eb_history_set (self->history, self->new_link, "kind", kind, NULL);
  if (!gtk_toggle_button_get_active (button))
    gtk_toggle_button_set_active (button, TRUE);
}

/* Enter in the label entry: keep the label typed and close. */
void
_eb_canvas_link_confirm (EbCanvas *self)
{
  const char *text;
  g_autofree char *label = NULL;

  if (self->new_link == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->link_label_entry));
  label = g_strstrip (g_strdup (text));
  if (label[0] != '\0')
    eb_history_set (self->history, self->new_link, "label", label, NULL);

  _eb_canvas_link_finish (self);
}

/* Closes the link's undo step and its popover. Escape or a click
 * elsewhere ends here too: the link stays, with no label. */
void
_eb_canvas_link_finish (EbCanvas *self)
{
  gboolean was_open = self->link_group_open;

  self->link_group_open = FALSE;
  g_clear_object (&self->new_link);
  if (was_open)
    eb_history_end (self->history);

  if (self->link_popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->link_popover)))
    {
      gtk_popover_popdown (self->link_popover);
      gtk_widget_grab_focus (GTK_WIDGET (self));
    }
}

/* Link to a card picked by name ------------------------------------------------ */

static void
clear_targets (EbCanvas *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->target_list))) != NULL)
    gtk_list_box_remove (self->target_list, row);
}

static gboolean
title_matches (EbCard     *card,
               const char *needle)
{
  g_autofree char *title = NULL;
  g_autofree char *casefold = NULL;

  if (needle == NULL || needle[0] == '\0')
    return TRUE;
  title = eb_card_dup_display_title (card);
  casefold = g_utf8_casefold (title, -1);
  return strstr (casefold, needle) != NULL;
}

/**
 * _eb_canvas_target_search:
 * @self: a canvas with the link-to popover open
 * @text: what was typed
 *
 * Lists the cards whose title holds @text, the first one selected.
 */
void
_eb_canvas_target_search (EbCanvas   *self,
                          const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *needle = g_utf8_casefold (stripped, -1);
  GListModel *cards;
  guint n, shown = 0;

  clear_targets (self);
  /* Remembered so that Enter can tell a list not yet filtered for the
   * last keys typed (the search entry waits before "search-changed"). */
  g_object_set_data_full (G_OBJECT (self->target_list), "eb-searched",
                          g_strdup (text ? text : ""), g_free);
  if (self->board == NULL || self->link_source == NULL)
    return;

  cards = eb_board_get_cards (self->board);
  n = g_list_model_get_n_items (cards);
  for (guint i = 0; i < n && shown < MAX_TARGETS; i++)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (cards, i);
      g_autofree char *title = NULL;
      GtkWidget *row, *box, *label, *kind;

      if (card == self->link_source || !title_matches (card, needle))
        continue;

      title = eb_card_dup_display_title (card);
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      label = gtk_label_new (title);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_widget_set_hexpand (label, TRUE);
      kind = gtk_label_new (eb_card_kind_describe (eb_card_get_kind (card)));
      gtk_widget_add_css_class (kind, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), kind);

      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "eb-card", g_object_ref (card), g_object_unref);
      gtk_list_box_append (self->target_list, row);
      shown++;
    }

  gtk_list_box_select_row (self->target_list, gtk_list_box_get_row_at_index (self->target_list, 0));
}

/**
 * _eb_canvas_pick_target:
 * @self: a canvas
 * @source: the card the link will start at
 *
 * Opens the popover that finds the card to link @source to by its name.
 */
void
_eb_canvas_pick_target (EbCanvas *self,
                        EbCard   *source)
{
  double sx, sy, zoom;

  if (self->history == NULL || !_eb_canvas_may_edit (self))
    return;

  g_set_object (&self->link_source, source);
  gtk_editable_set_text (GTK_EDITABLE (self->target_search), "");
  _eb_canvas_target_search (self, "");

  eb_canvas_reveal_item (self, EB_ITEM (source));
  zoom = eb_viewport_get_zoom (self->viewport);
  eb_viewport_to_screen (self->viewport, eb_card_get_x (source), eb_card_get_y (source), &sx, &sy);
  _eb_canvas_point_popover (self, self->target_popover, sx, sy,
                            eb_card_get_width (source) * zoom, eb_card_get_height (source) * zoom);
  gtk_popover_popup (self->target_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->target_search));
}

static EbLink *
link_to_row (EbCanvas      *self,
             GtkListBoxRow *row)
{
  g_autoptr(EbCard) source = NULL;
  EbCard *target;

  if (row == NULL || self->link_source == NULL)
    return NULL;

  target = g_object_get_data (G_OBJECT (row), "eb-card");
  source = g_object_ref (self->link_source);
  g_object_ref (target);
  gtk_popover_popdown (self->target_popover);

  /* The board may have lost either card while the popover was open. */
  if (eb_board_lookup (self->board, eb_item_get_id (EB_ITEM (source))) != EB_ITEM (source) ||
      eb_board_lookup (self->board, eb_item_get_id (EB_ITEM (target))) != EB_ITEM (target))
    {
      g_object_unref (target);
      return NULL;
    }

  {
    EbLink *link = _eb_canvas_create_link (self, source, target);

    g_object_unref (target);
    return link;
  }
}

/**
 * _eb_canvas_target_activate:
 * @self: a canvas with the link-to popover open
 *
 * Enter in the search: links to the selected (else the first) card.
 *
 * Returns: (transfer none) (nullable): the new link
 */
EbLink *
_eb_canvas_target_activate (EbCanvas *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->target_list);

  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->target_list, 0);
  return link_to_row (self, row);
}

static void
on_target_search_changed (GtkSearchEntry *entry,
                          EbCanvas       *self)
{
  _eb_canvas_target_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_target_search_activate (GtkSearchEntry *entry,
                           EbCanvas       *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  /* Enter typed straight after the name: filter now, not on the old list. */
  if (g_strcmp0 (text, g_object_get_data (G_OBJECT (self->target_list), "eb-searched")) != 0)
    _eb_canvas_target_search (self, text);
  _eb_canvas_target_activate (self);
}

static void
on_target_stop_search (GtkSearchEntry *entry,
                       EbCanvas       *self)
{
  gtk_popover_popdown (self->target_popover);
}

static void
on_target_row_activated (GtkListBox    *list,
                         GtkListBoxRow *row,
                         EbCanvas      *self)
{
  link_to_row (self, row);
}

static void
on_target_popover_closed (GtkPopover *popover,
                          EbCanvas   *self)
{
  g_clear_object (&self->link_source);
  if (self->new_link == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* Up and Down in the search move through the list while typing goes on. */
static gboolean
on_target_key_pressed (GtkEventControllerKey *key,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       EbCanvas              *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->target_list);
  int index = row ? gtk_list_box_row_get_index (row) : -1;
  GtkListBoxRow *next;

  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    index++;
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    index--;
  else
    return FALSE;

  next = gtk_list_box_get_row_at_index (self->target_list, MAX (index, 0));
  if (next != NULL)
    gtk_list_box_select_row (self->target_list, next);
  return TRUE;
}

void
_eb_canvas_link_init (EbCanvas *self)
{
  GtkEventController *controller;
  struct {
    GtkToggleButton *button;
    EbLinkKind       kind;
  } kinds[] = {
    { self->kind_related, EB_LINK_KIND_RELATED },
    { self->kind_reported_by, EB_LINK_KIND_REPORTED_BY },
    { self->kind_supports, EB_LINK_KIND_SUPPORTS },
    { self->kind_contradicts, EB_LINK_KIND_CONTRADICTS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_object_set_data (G_OBJECT (kinds[i].button), "eb-kind", GINT_TO_POINTER (kinds[i].kind));
      g_signal_connect (kinds[i].button, "toggled", G_CALLBACK (on_kind_toggled), self);
    }
  g_signal_connect (self->link_label_entry, "activate", G_CALLBACK (on_label_activate), self);
  g_signal_connect (self->link_popover, "closed", G_CALLBACK (on_link_popover_closed), self);

  g_signal_connect (self->target_search, "search-changed", G_CALLBACK (on_target_search_changed), self);
  g_signal_connect (self->target_search, "activate", G_CALLBACK (on_target_search_activate), self);
  g_signal_connect (self->target_search, "stop-search", G_CALLBACK (on_target_stop_search), self);
  g_signal_connect (self->target_list, "row-activated", G_CALLBACK (on_target_row_activated), self);
  g_signal_connect (self->target_popover, "closed", G_CALLBACK (on_target_popover_closed), self);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_target_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->target_search), controller);
}
