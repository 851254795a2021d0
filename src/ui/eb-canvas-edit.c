/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "eb-canvas-private.h"

/* Editing a card's title, or a frame's label, in place: a text view, a
 * child of the canvas, laid over the title and moved with the view. A
 * note has no title; its text is edited instead, and Shift+Enter starts a
 * new line. Enter, Tab or leaving the editor keeps the text (one undo
 * step), Escape drops it. */

typedef struct
{
  EbCanvas  *canvas;
  GtkWidget *editor;
} LeaveCheck;

static void
leave_check_free (gpointer data)
{
  LeaveCheck *check = data;

  g_object_unref (check->canvas);
  g_object_unref (check->editor);
  g_free (check);
}

static gboolean
commit_if_left (gpointer data)
{
  LeaveCheck *check = data;

  /* Still open, and focus went elsewhere than back into it. */
  if (check->canvas->editor == check->editor &&
      !gtk_widget_is_focus (check->editor))
    _eb_canvas_edit_finish (check->canvas, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_editor_focus_leave (GtkEventControllerFocus *focus,
                       EbCanvas                *self)
{
  LeaveCheck *check = g_new0 (LeaveCheck, 1);

  /* Not now: GTK is in the middle of moving the focus, and closing the
   * editor takes it out of the widget tree. */
  check->canvas = g_object_ref (self);
  check->editor = g_object_ref (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus)));
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, commit_if_left, check, leave_check_free);
}

static gboolean
on_editor_key_pressed (GtkEventControllerKey *key,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       EbCanvas              *self)
{
  return _eb_canvas_editor_key (self, keyval, state);
}

/**
 * _eb_canvas_editor_key:
 * @self: a canvas with its title editor open
 * @keyval: the key pressed in the editor
 * @state: the modifiers held
 *
 * Returns: %TRUE if the key closed the editor
 */
gboolean
_eb_canvas_editor_key (EbCanvas        *self,
                       guint            keyval,
                       GdkModifierType  state)
{
  if (self->editor == NULL)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if ((state & GDK_SHIFT_MASK) && g_strcmp0 (self->editing_property, "notes") == 0)
        return FALSE;
      _eb_canvas_edit_finish (self, TRUE);
      return TRUE;

    case GDK_KEY_Tab:
    case GDK_KEY_ISO_Left_Tab:
      _eb_canvas_edit_finish (self, TRUE);
      return TRUE;

    case GDK_KEY_Escape:
      _eb_canvas_edit_finish (self, FALSE);
      return TRUE;

    default:
      return FALSE;
    }
}

/* What the editor edits in @item, and what it is called for assistive
 * technologies. */
static const char *
edited_property (EbItem      *item,
                 const char **accessible_label)
{
  if (EB_IS_FRAME (item))
    {
      /* Translators: how screen readers name the editor of a frame's label (a noun) */
      *accessible_label = _("Frame label");
      return "label";
    }
  if (eb_card_get_kind (EB_CARD (item)) == EB_CARD_KIND_NOTE)
    {
      /* Translators: how screen readers name the editor of a note's text */
      *accessible_label = _("Note text");
      return "notes";
    }
  /* Translators: how screen readers name the editor of a card's title */
  *accessible_label = _("Card title");
  return "title";
}

/**
 * _eb_canvas_edit_start:
 * @self: a canvas
 * @item: a card (its title, a note's text) or a frame (its label)
 *
 * Opens the editor over @item, its text selected.
 */
void
_eb_canvas_edit_start (EbCanvas *self,
                       EbItem   *item)
{
  GtkEventController *controller;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  const char *accessible_label;

  g_assert (EB_IS_CARD (item) || EB_IS_FRAME (item));

  /* The public ways in have asked _eb_canvas_may_edit() already. */
  if (self->history == NULL || !self->editable)
    return;
  if (self->editor != NULL)
    _eb_canvas_edit_finish (self, TRUE);

  self->editing = g_object_ref (item);
  self->editing_property = edited_property (item, &accessible_label);
  g_object_get (item, self->editing_property, &text, NULL);

  self->editor = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->editor), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->editor), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->editor), 4);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->editor), 4);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->editor), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->editor), 6);
  gtk_widget_add_css_class (self->editor, "eb-inline-editor");
  if (EB_IS_FRAME (item))
    gtk_widget_add_css_class (self->editor, "eb-frame-label-editor");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor));
  gtk_text_buffer_set_text (buffer, text ? text : "", -1);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_editor_key_pressed), self);
  gtk_widget_add_controller (self->editor, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (on_editor_focus_leave), self);
  gtk_widget_add_controller (self->editor, controller);

  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  gtk_widget_grab_focus (self->editor);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * _eb_canvas_edit_finish:
 * @self: a canvas
 * @commit: keep the text (through the history) or drop it
 *
 * Closes the title editor, if it is open.
 */
void
_eb_canvas_edit_finish (EbCanvas *self,
                        gboolean  commit)
{
  g_autoptr(EbItem) item = g_steal_pointer (&self->editing);
  GtkWidget *editor = g_steal_pointer (&self->editor);
  const char *property = self->editing_property;

  if (editor == NULL)
    return;

  self->editing_property = NULL;

  if (commit && self->history != NULL && self->editable &&
      eb_board_lookup (self->board, eb_item_get_id (item)) == item)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (g_strcmp0 (property, "notes") != 0)
        {
          /* A title or a label is one line. */
          g_strdelimit (text, "\r\n", ' ');
          g_strstrip (text);
        }
      eb_history_set (self->history, item, property, text[0] != '\0' ? text : NULL, NULL);
    }

  /* Focus returns to the canvas, not to nowhere. */
  if (gtk_widget_is_focus (editor))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_unparent (editor);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Lays the editor over the card's title or the frame's label, at least
 * wide enough to type in, following pan and zoom. */
void
_eb_canvas_edit_allocate (EbCanvas *self)
{
  double zoom, sx, sy, width;
  double x, y, w, h;
  int min_height, height;

  if (self->editor == NULL || self->editing == NULL)
    return;

  zoom = eb_viewport_get_zoom (self->viewport);
  g_object_get (self->editing, "x", &x, "y", &y, "width", &w, "height", &h, NULL);
  if (EB_IS_FRAME (self->editing))
    {
      /* Over the label, drawn 16 units in and 12 down. */
      x += 8;
      y += 6;
      w -= 16;
    }
  else
    {
      x += 5;
      w -= 5;
    }

  eb_viewport_to_screen (self->viewport, x, y, &sx, &sy);
  width = MAX (w * zoom, 180);
  gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, (int) width,
                      &min_height, &height, NULL, NULL);
  height = MAX (height, 32);
  if (g_strcmp0 (self->editing_property, "notes") == 0)
    height = MAX (height, (int) (h * zoom));

  gtk_widget_size_allocate (self->editor,
                            &(GtkAllocation) { (int) sx, (int) sy, (int) width, height }, -1);
}
