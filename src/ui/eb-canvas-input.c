/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "eb-canvas-private.h"

/* Pointer and key input on the canvas. Each GTK gesture only reads what
 * it knows (button, modifiers, position) and calls one of the
 * _eb_canvas_*() handlers, which tests call the same way: clicks, scroll
 * and pinch here, drags in eb-canvas-drag.c, hit-testing in
 * eb-canvas-hit.c. */

/**
 * _eb_canvas_press:
 * @self: a canvas
 * @n_press: 1 for a click, 2 for a double-click
 * @button: the button
 * @state: the modifiers held
 * @x: where, in the canvas's pixels
 * @y: where
 *
 * Clicks that are not drags: a double-click edits a card or adds a note
 * on empty space; the secondary button opens the context menu.
 */
void
_eb_canvas_press (EbCanvas        *self,
                  int              n_press,
                  guint            button,
                  GdkModifierType  state,
                  double           x,
                  double           y)
{
  EbCanvasHit hit;
  EbItem *item;

  if (self->history == NULL)
    return;

  /* A click pins the view: a fitted view stops following the canvas's
   * size, so the inspector that a selection opens (and that narrows the
   * canvas) does not move the card under the pointer. */
  self->fit_zoom = 0;

  self->pointer_x = x;
  self->pointer_y = y;

  if (button == GDK_BUTTON_SECONDARY && n_press == 1)
    {
      if (self->editor != NULL)
        _eb_canvas_edit_finish (self, TRUE);
      hit = _eb_canvas_hit_test (self, x, y, &item);
      if (item != NULL && hit != EB_CANVAS_HIT_LINK_HANDLE && hit != EB_CANVAS_HIT_RESIZE_HANDLE &&
          !g_hash_table_contains (self->selection, item))
        _eb_canvas_set_selection (self, item);
      if (EB_IS_CARD (item))
        _eb_canvas_set_focus_card (self, EB_CARD (item));
      gtk_widget_grab_focus (GTK_WIDGET (self));
      _eb_canvas_open_context_menu (self, x, y);
      return;
    }

  if (button == GDK_BUTTON_PRIMARY && n_press == 2 && !self->space_held)
    {
      hit = _eb_canvas_hit_test (self, x, y, &item);
      if (hit == EB_CANVAS_HIT_CARD)
        eb_canvas_edit_card (self, EB_CARD (item));
      else if (hit == EB_CANVAS_HIT_FRAME)
        eb_canvas_edit_frame (self, EB_FRAME (item));
      else if (hit == EB_CANVAS_HIT_NONE)
        {
          double bx, by;

          eb_viewport_to_board (self->viewport, x, y, &bx, &by);
          eb_canvas_add_card (self, EB_CARD_KIND_NOTE, bx, by);
        }
    }
}

void
_eb_canvas_motion (EbCanvas *self,
                   double    x,
                   double    y)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  if (self->drag == EB_CANVAS_DRAG_NONE && self->board != NULL)
    _eb_canvas_update_cursor (self);
}

/**
 * _eb_canvas_scroll:
 * @self: a canvas
 * @unit: wheel steps or pixels (touchpads)
 * @state: the modifiers held: with Ctrl the wheel zooms at the pointer
 * @dx: how far to scroll
 * @dy: how far down
 *
 * Returns: %TRUE: the canvas used the scroll
 */
gboolean
_eb_canvas_scroll (EbCanvas        *self,
                   GdkScrollUnit    unit,
                   GdkModifierType  state,
                   double           dx,
                   double           dy)
{
  double zoom = eb_viewport_get_zoom (self->viewport);

  if (state & GDK_CONTROL_MASK)
    {
      double factor = unit == GDK_SCROLL_UNIT_WHEEL ? pow (1.2, -dy) : exp (-dy * 0.01);

      eb_viewport_zoom_at (self->viewport, zoom * factor, self->pointer_x, self->pointer_y);
      return TRUE;
    }

  if (unit == GDK_SCROLL_UNIT_WHEEL)
    {
      dx *= 48;
      dy *= 48;
      /* Shift turns a plain wheel sideways. */
      if ((state & GDK_SHIFT_MASK) && dx == 0)
        {
          dx = dy;
          dy = 0;
        }
    }

  eb_viewport_scroll (self->viewport, dx, dy);
  return TRUE;
}

void
_eb_canvas_pinch (EbCanvas *self,
                  double    scale,
                  double    x,
                  double    y)
{
  eb_viewport_zoom_at (self->viewport, self->pinch_zoom0 * scale, x, y);
}

/* GTK controllers ------------------------------------------------------------- */

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               EbCanvas       *self)
{
  GtkGestureSingle *single = GTK_GESTURE_SINGLE (gesture);
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  _eb_canvas_drag_begin (self, gtk_gesture_single_get_current_button (single), state, x, y);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                EbCanvas       *self)
{
  _eb_canvas_drag_update (self, dx, dy);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             EbCanvas       *self)
{
  _eb_canvas_drag_end (self, dx, dy);
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            EbCanvas        *self)
{
  GtkGestureSingle *single = GTK_GESTURE_SINGLE (gesture);
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  _eb_canvas_press (self, n_press, gtk_gesture_single_get_current_button (single), state, x, y);
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           EbCanvas                 *self)
{
  _eb_canvas_motion (self, x, y);
}

static void
on_leave (GtkEventControllerMotion *motion,
          EbCanvas                 *self)
{
  self->pointer_inside = FALSE;
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           EbCanvas                 *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));

  return _eb_canvas_scroll (self, gtk_event_controller_scroll_get_unit (scroll), state, dx, dy);
}

static void
on_zoom_begin (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               EbCanvas         *self)
{
  self->pinch_zoom0 = eb_viewport_get_zoom (self->viewport);
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture,
                       double          scale,
                       EbCanvas       *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  _eb_canvas_pinch (self, scale, x, y);
}

static gboolean
on_key_pressed (GtkEventControllerKey *key,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                EbCanvas              *self)
{
  /* Space held turns a primary drag into panning. */
  if (keyval == GDK_KEY_space && self->editor == NULL && gtk_widget_is_focus (GTK_WIDGET (self)))
    {
      if (!self->space_held)
        {
          self->space_held = TRUE;
          _eb_canvas_update_cursor (self);
        }
      return TRUE;
    }
  return FALSE;
}

static void
on_key_released (GtkEventControllerKey *key,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 EbCanvas              *self)
{
  if (keyval == GDK_KEY_space && self->space_held)
    {
      self->space_held = FALSE;
      _eb_canvas_update_cursor (self);
    }
}

static void
on_focus_changed (EbCanvas *self)
{
  self->space_held = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_eb_canvas_input_init (EbCanvas *self)
{
  GtkGesture *drag, *click, *zoom;
  GtkEventController *controller;

  /* The drag comes first: a press selects before a double-click acts. */
  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_focus_changed), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

