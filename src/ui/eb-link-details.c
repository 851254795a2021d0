/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-link-details"

#include "config.h"

#include <glib/gi18n.h>

#include "eb-card-row.h"
#include "eb-enums.h"
#include "eb-history-binding.h"
#include "eb-limits.h"
#include "eb-link-details.h"
#include "eb-painter.h"

/* The fields of one link as editable rows, the inspector's counterpart of
 * EbCardDetails. Every edit goes through the board's EbHistory (typing a
 * label letter by letter merges into one undo step there), and every
 * change to the link, from here, from undo or from the canvas, is shown
 * back. Removing the link, by the Delete button or elsewhere, empties the
 * panel. The rows naming its two ends (cards, or frames) emit
 * ::card-activated; they still do when the panel is not editable. */

struct _EbLinkDetails
{
  AdwBin                parent_instance;

  EbHistory            *history;
  EbBoard              *board;
  EbLink               *link;
  GtkWidget            *color_dialog;
  guint                 updating : 1;
  guint                 editable : 1;

  AdwPreferencesGroup  *ends_group;
  AdwActionRow         *from_row;
  AdwActionRow         *to_row;
  GtkImage             *from_icon;
  GtkImage             *to_icon;
  AdwPreferencesGroup  *fields_group;
  AdwEntryRow          *label_row;
  AdwComboRow          *kind_row;
  AdwComboRow          *direction_row;
  AdwComboRow          *credibility_row;
  AdwActionRow         *color_row;
  GtkButton            *color_button;
  GtkDrawingArea       *color_swatch;
  GtkButton            *default_color_button;
  AdwPreferencesGroup  *delete_group;
  GtkButton            *delete_button;
};

G_DEFINE_FINAL_TYPE (EbLinkDetails, eb_link_details, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_LINK,
  PROP_EDITABLE,
  N_PROPS
};

enum {
  CARD_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define MAX_CREDIBILITY 6

/* A frame groups cards inside a box, as this icon does. */
#define FRAME_ICON_NAME "edit-select-all-symbolic"

/* A choice (kind, colour) is its own undo step; a label typed letter by
 * letter is one step because the history merges quick edits of one field
 * that are not grouped. */
static void
set_field (EbLinkDetails *self,
           const char    *property,
           const GValue  *value,
           gboolean       typed)
{
  if (self->updating || self->link == NULL || self->history == NULL)
    return;

  if (!typed)
    eb_history_begin (self->history, NULL);
  eb_history_set_value (self->history, self->link, property, value);
  if (!typed)
    eb_history_end (self->history);
}

static void
on_label_changed (EbLinkDetails *self,
                  GtkEditable   *editable)
{
  const char *text = gtk_editable_get_text (editable);
  g_auto(GValue) value = G_VALUE_INIT;

  if (!eb_text_is_valid (text, -1))
    {
      gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text[0] != '\0' ? text : NULL);
  set_field (self, "label", &value, TRUE);
}

static void
on_combo_selected (EbLinkDetails *self,
                   GParamSpec    *pspec,
                   AdwComboRow   *row)
{
  const char *property = g_object_get_data (G_OBJECT (row), "eb-property");
  guint selected = adw_combo_row_get_selected (row);
  g_auto(GValue) value = G_VALUE_INIT;

  if (selected == GTK_INVALID_LIST_POSITION)
    return;

  /* eb_history_set_value() converts to the field's enum or uint, and
   * drops values outside its range. */
  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, selected);
  set_field (self, property, &value, FALSE);
}

static void
select_quietly (EbLinkDetails *self,
                AdwComboRow   *row,
                guint          position)
{
  if (adw_combo_row_get_selected (row) == position)
    return;

  self->updating = TRUE;
  adw_combo_row_set_selected (row, position);
  self->updating = FALSE;
}

static void
update_label (EbLinkDetails *self)
{
  GtkEditable *editable = GTK_EDITABLE (self->label_row);
  const char *label = self->link ? eb_link_get_label (self->link) : NULL;

  if (label == NULL)
    label = "";

  /* Rewriting the text being typed would move the cursor. */
  if (g_strcmp0 (gtk_editable_get_text (editable), label) != 0)
    {
      self->updating = TRUE;
      gtk_editable_set_text (editable, label);
      self->updating = FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

static void
update_color (EbLinkDetails *self)
{
  const char *color = self->link ? eb_link_get_color (self->link) : NULL;

  adw_action_row_set_subtitle (self->color_row,
                               color != NULL ? color
                               /* Translators: a link drawn in the colour of its kind */
                               : _("By kind"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->default_color_button), color != NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->color_swatch));
}

static char *
update_end_row (EbLinkDetails *self,
                AdwActionRow  *row,
                GtkImage      *icon,
                const char    *id)
{
  const char *icon_name;
  const char *kind_name;
  char *title = eb_link_details_dup_end_name (self->board, id, &icon_name, &kind_name);
  gboolean is_frame = EB_IS_FRAME (self->board ? eb_board_lookup_link_end (self->board, id) : NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_image_set_from_icon_name (icon, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (icon), icon_name != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (icon), kind_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, kind_name ? kind_name : "",
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row),
                               is_frame
                               /* Translators: tooltip of a link end that is a frame; selects it on the board */
                               ? _("Show this frame")
                               /* Translators: tooltip of a link end; selects that card on the board */
                               : _("Show this card"));
  return title;
}

static void
update_ends (EbLinkDetails *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *from_shown = NULL;
  g_autofree char *to_shown = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *markup = NULL;

  if (self->link == NULL)
    return;

  from = update_end_row (self, self->from_row, self->from_icon, eb_link_get_from_id (self->link));
  to = update_end_row (self, self->to_row, self->to_icon, eb_link_get_to_id (self->link));

  /* Each name in a first-strong isolate (U+2068 … U+2069), as in the card
   * inspector's links: a Latin title in an Arabic line stays whole. */
  from_shown = g_strdup_printf ("\u2068%s\u2069", from);
  to_shown = g_strdup_printf ("\u2068%s\u2069", to);
  /* Translators: the two cards a link joins, e.g. "Vladimir Putin → Bashar al-Assad" */
  summary = g_strdup_printf (_("%s → %s"), from_shown, to_shown);
  /* The description is markup: "AT&T" must not blank it. */
  markup = g_markup_escape_text (summary, -1);
  adw_preferences_group_set_description (self->ends_group, markup);
}

static void
update_all (EbLinkDetails *self)
{
  gboolean shown = self->link != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->ends_group), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_group), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), shown);

  update_ends (self);
  update_label (self);
  update_color (self);
  select_quietly (self, self->kind_row, shown ? eb_link_get_kind (self->link) : 0);
  select_quietly (self, self->direction_row, shown ? eb_link_get_direction (self->link) : 0);
  select_quietly (self, self->credibility_row, shown ? eb_link_get_credibility (self->link) : 0);
}

static void
on_link_notify (EbLinkDetails *self,
                GParamSpec    *pspec,
                EbLink        *link)
{
  const char *name = pspec->name;

  if (g_str_equal (name, "label"))
    update_label (self);
  else if (g_str_equal (name, "kind"))
    {
      select_quietly (self, self->kind_row, eb_link_get_kind (link));
      /* The default colour is the kind's. */
      update_color (self);
    }
  else if (g_str_equal (name, "direction"))
    select_quietly (self, self->direction_row, eb_link_get_direction (link));
  else if (g_str_equal (name, "credibility"))
    select_quietly (self, self->credibility_row, eb_link_get_credibility (link));
  else if (g_str_equal (name, "color"))
    update_color (self);
  else if (g_str_equal (name, "from-id") || g_str_equal (name, "to-id"))
    update_ends (self);
}

static void
on_board_item_removed (EbLinkDetails *self,
                       EbItem        *item)
{
  if (self->link != NULL && item == EB_ITEM (self->link))
    eb_link_details_set_link (self, NULL);
}

static void
on_board_item_changed (EbLinkDetails *self,
                       EbItem        *item,
                       GParamSpec    *pspec)
{
  const char *id;

  if (self->link == NULL || EB_IS_LINK (item))
    return;

  /* A note without a title is named by its text; a frame by its label;
   * the icon follows a card's kind. */
  if (!g_str_equal (pspec->name, "title") && !g_str_equal (pspec->name, "notes") &&
      !g_str_equal (pspec->name, "label") && !g_str_equal (pspec->name, "kind"))
    return;

  id = eb_item_get_id (item);
  if (g_strcmp0 (id, eb_link_get_from_id (self->link)) == 0 ||
      g_strcmp0 (id, eb_link_get_to_id (self->link)) == 0)
    update_ends (self);
}

static void
activate_end (EbLinkDetails *self,
              const char    *id)
{
  EbItem *end = self->board ? eb_board_lookup_link_end (self->board, id) : NULL;

  if (end != NULL)
    g_signal_emit (self, signals[CARD_ACTIVATED], 0, end);
}

static void
on_from_activated (EbLinkDetails *self)
{
  if (self->link != NULL)
    activate_end (self, eb_link_get_from_id (self->link));
}

static void
on_to_activated (EbLinkDetails *self)
{
  if (self->link != NULL)
    activate_end (self, eb_link_get_to_id (self->link));
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  EbLinkDetails *self = data;
  GdkRGBA color = { 0.5, 0.5, 0.5, 0.3 };
  double radius = 3;

  if (self->link != NULL)
    eb_painter_link_color (self->link, &color);

  cairo_new_sub_path (cr);
  cairo_arc (cr, width - radius, radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, width - radius, height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, radius, height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, radius, radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_fill_preserve (cr);

  /* An outline keeps a pale colour visible on a pale button. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
on_color_dialog_response (EbLinkDetails *self,
                          int            response,
                          GtkDialog     *dialog)
{
  if (response == GTK_RESPONSE_OK && self->link != NULL)
    {
      GdkRGBA rgba;
      g_autofree char *color = NULL;
      g_auto(GValue) value = G_VALUE_INIT;

      gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (dialog), &rgba);
      color = g_strdup_printf ("#%02x%02x%02x",
                               (guint) CLAMP (rgba.red * 255 + 0.5, 0, 255),
                               (guint) CLAMP (rgba.green * 255 + 0.5, 0, 255),
                               (guint) CLAMP (rgba.blue * 255 + 0.5, 0, 255));
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, color);
      set_field (self, "color", &value, FALSE);
    }

  if (self->color_dialog == GTK_WIDGET (dialog))
    self->color_dialog = NULL;
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_color_clicked (EbLinkDetails *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GdkRGBA rgba;

  if (self->link == NULL)
    return;

  if (self->color_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->color_dialog));
      return;
    }

  /* GtkColorDialog arrived in GTK 4.10; 4.8 has the chooser dialog. */
  self->color_dialog = gtk_color_chooser_dialog_new (_("Link Colour"),
                                                     GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_set_modal (GTK_WINDOW (self->color_dialog), TRUE);
  gtk_window_set_hide_on_close (GTK_WINDOW (self->color_dialog), FALSE);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (self->color_dialog), FALSE);
  eb_painter_link_color (self->link, &rgba);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color_dialog), &rgba);
  g_signal_connect_object (self->color_dialog, "response",
                           G_CALLBACK (on_color_dialog_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->color_dialog));
}

static void
on_default_color_clicked (EbLinkDetails *self)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  set_field (self, "color", &value, FALSE);
}

static void
on_delete_clicked (EbLinkDetails *self)
{
  g_autoptr(EbLink) link = NULL;

  if (self->link == NULL || self->history == NULL)
    return;

  /* The board's ::item-removed empties the panel. */
  link = g_object_ref (self->link);
  eb_history_remove (self->history, EB_ITEM (link));
}

static void
eb_link_details_dispose (GObject *object)
{
  EbLinkDetails *self = EB_LINK_DETAILS (object);

  if (self->color_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->color_dialog)));
  eb_link_details_set_link (self, NULL);
  eb_link_details_set_history (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_LINK_DETAILS);

  G_OBJECT_CLASS (eb_link_details_parent_class)->dispose (object);
}

static void
eb_link_details_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EbLinkDetails *self = EB_LINK_DETAILS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_LINK:
      g_value_set_object (value, self->link);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_link_details_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EbLinkDetails *self = EB_LINK_DETAILS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      eb_link_details_set_history (self, g_value_get_object (value));
      break;
    case PROP_LINK:
      eb_link_details_set_link (self, g_value_get_object (value));
      break;
    case PROP_EDITABLE:
      eb_link_details_set_editable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_link_details_class_init (EbLinkDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_link_details_dispose;
  object_class->get_property = eb_link_details_get_property;
  object_class->set_property = eb_link_details_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, EB_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINK] =
    g_param_spec_object ("link", NULL, NULL, EB_TYPE_LINK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EbLinkDetails::card-activated:
   * @end: the card, or the frame, at the end of the link the user chose
   *   to show
   */
  signals[CARD_ACTIVATED] =
    g_signal_new ("card-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, EB_TYPE_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/evidenceboard/EvidenceBoard/eb-link-details.ui");
  gtk_widget_class_bind_template_child (widget_class, EbLinkDetails, ends_group);
  gtk_widget_class_bind_template_child (widget_class, EbLinkDetails, from_row);
  gtk_widget_class_bind_template_child (widget_class, EbLinkDetails, to_row);
  gtk_widget_class_bind_template_child (widget_class, EbLinkDetails, from_icon);
  gtk_widget_class_bind_template_child (widget_class, EbLinkDetails, to_icon);
  gtk_widget_class_bind_template_child (widget_class, EbLinkDetails, fields_group);
  gtk_widget_class_bind_template_child (widget_class, EbLinkDetails, label_row);
  gtk_widget_class_bind_template_child (widget_class, EbLinkDetails, kind_row);
  gtk_widget_class_bind_template_child (widget_class, EbLinkDetails, direction_row);
  gtk_widget_class_bind_template_child (widget_class, EbLinkDetails, credibility_row);
  gtk_widget_class_bind_template_child (widget_class, EbLinkDetails, color_row);
  gtk_widget_class_bind_template_child (widget_class, EbLinkDetails, color_button);
  gtk_widget_class_bind_template_child (widget_class, EbLinkDetails, color_swatch);
  gtk_widget_class_bind_template_child (widget_class, EbLinkDetails, default_color_button);
  gtk_widget_class_bind_template_child (widget_class, EbLinkDetails, delete_group);
  gtk_widget_class_bind_template_child (widget_class, EbLinkDetails, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_label_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_from_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_to_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_color_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_default_color_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
}

static void
fill_combo (AdwComboRow *row,
            const char  *property,
            GtkStringList *items)
{
  g_object_set_data (G_OBJECT (row), "eb-property", (gpointer) property);
  adw_combo_row_set_model (row, G_LIST_MODEL (items));
}

static void
eb_link_details_init (EbLinkDetails *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) credibilities = gtk_string_list_new (NULL);
  const char *directions[] = {
    /* Translators: a link drawn as a plain line */
    [EB_LINK_DIRECTION_NONE] = _("No arrow"),
    /* Translators: a link with an arrowhead at the card it points to */
    [EB_LINK_DIRECTION_FORWARD] = _("Arrow to target"),
    /* Translators: a link with arrowheads at both cards */
    [EB_LINK_DIRECTION_BOTH] = _("Arrows both ways"),
    NULL
  };
  g_autoptr(GtkStringList) arrows = gtk_string_list_new (directions);

  self->editable = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  eb_history_binding_add_shortcuts (GTK_WIDGET (self));

  for (EbLinkKind kind = EB_LINK_KIND_RELATED; kind <= EB_LINK_KIND_CONTRADICTS; kind++)
    gtk_string_list_append (kinds, eb_link_kind_describe (kind));

  for (guint credibility = 0; credibility <= MAX_CREDIBILITY; credibility++)
    {
      g_autofree char *item = NULL;

      if (credibility == 0)
        item = g_strdup (eb_credibility_describe (credibility));
      else
        /* Translators: a credibility rating in the list, e.g. "2 — Probably true" */
        item = g_strdup_printf (_("%u — %s"), credibility, eb_credibility_describe (credibility));
      gtk_string_list_append (credibilities, item);
    }

  fill_combo (self->kind_row, "kind", kinds);
  fill_combo (self->direction_row, "direction", arrows);
  fill_combo (self->credibility_row, "credibility", credibilities);

  /* Connected after the models are set, so filling them edits nothing. */
  g_signal_connect_object (self->kind_row, "notify::selected",
                           G_CALLBACK (on_combo_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->direction_row, "notify::selected",
                           G_CALLBACK (on_combo_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->credibility_row, "notify::selected",
                           G_CALLBACK (on_combo_selected), self, G_CONNECT_SWAPPED);

  gtk_drawing_area_set_draw_func (self->color_swatch, draw_swatch, self, NULL);

  update_all (self);
}

/**
 * eb_link_details_new:
 *
 * Returns: (transfer floating): a details pane showing no link
 */
GtkWidget *
eb_link_details_new (void)
{
  return g_object_new (EB_TYPE_LINK_DETAILS, NULL);
}

/**
 * eb_link_details_get_history:
 * @self: a link details pane
 *
 * Returns: (transfer none) (nullable): the history edits go through
 */
EbHistory *
eb_link_details_get_history (EbLinkDetails *self)
{
  g_return_val_if_fail (EB_IS_LINK_DETAILS (self), NULL);
  return self->history;
}

/**
 * eb_link_details_set_history:
 * @self: a link details pane
 * @history: (nullable): the history of the board whose links are shown
 *
 * Sets where edits go. Shown links must be on @history's board.
 */
void
eb_link_details_set_history (EbLinkDetails *self,
                             EbHistory     *history)
{
  g_return_if_fail (EB_IS_LINK_DETAILS (self));
  g_return_if_fail (history == NULL || EB_IS_HISTORY (history));

  if (self->history == history)
    return;

  eb_link_details_set_link (self, NULL);
  eb_history_binding_set_history (self, &self->history, &self->board, history,
                                  "item-removed", G_CALLBACK (on_board_item_removed),
                                  "item-changed", G_CALLBACK (on_board_item_changed),
                                  NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

/**
 * eb_link_details_get_link:
 * @self: a link details pane
 *
 * Returns: (transfer none) (nullable): the link shown
 */
EbLink *
eb_link_details_get_link (EbLinkDetails *self)
{
  g_return_val_if_fail (EB_IS_LINK_DETAILS (self), NULL);
  return self->link;
}

/**
 * eb_link_details_set_link:
 * @self: a link details pane
 * @link: (nullable): a link on the history's board, or %NULL
 *
 * Shows @link's fields for editing and follows its changes until it is
 * removed from the board.
 */
void
eb_link_details_set_link (EbLinkDetails *self,
                          EbLink        *link)
{
  g_return_if_fail (EB_IS_LINK_DETAILS (self));
  g_return_if_fail (link == NULL || EB_IS_LINK (link));

  if (self->link == link)
    return;

  /* A colour being chosen was for the link shown before. */
  if (self->color_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->color_dialog)));

  eb_history_binding_follow (self, &self->link, link, G_CALLBACK (on_link_notify));

  if (self->kind_row != NULL)
    update_all (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK]);
}

/**
 * eb_link_details_focus:
 * @self: a link details pane
 *
 * Moves the keyboard focus to the label, as after drawing a link.
 */
void
eb_link_details_focus (EbLinkDetails *self)
{
  g_return_if_fail (EB_IS_LINK_DETAILS (self));

  if (self->link != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->label_row));
}

/**
 * eb_link_details_dup_end_name:
 * @board: (nullable): the board of the link
 * @id: (nullable): the id at one end of a link
 * @icon_name: (out) (transfer none) (nullable): the symbolic icon for what
 *   the end is, or %NULL if it is not on @board
 * @kind_name: (out) (transfer none) (nullable): what the end is, for the
 *   icon's tooltip: a card's kind, or "Frame"
 *
 * Names a link's end as the inspectors show it: a card by its title, a
 * frame (a JSON Canvas edge may end at a group) by its label.
 *
 * Returns: (transfer full): the name
 */
char *
eb_link_details_dup_end_name (EbBoard     *board,
                              const char  *id,
                              const char **icon_name,
                              const char **kind_name)
{
  EbItem *end;

  g_return_val_if_fail (board == NULL || EB_IS_BOARD (board), NULL);
  g_return_val_if_fail (icon_name != NULL && kind_name != NULL, NULL);

  end = board != NULL && id != NULL ? eb_board_lookup_link_end (board, id) : NULL;

  if (EB_IS_CARD (end))
    {
      EbCardKind kind = eb_card_get_kind (EB_CARD (end));

      *icon_name = eb_card_kind_icon_name (kind);
      *kind_name = eb_card_kind_describe (kind);
      return eb_card_dup_display_title (EB_CARD (end));
    }

  if (EB_IS_FRAME (end))
    {
      const char *label = eb_frame_get_label (EB_FRAME (end));

      *icon_name = FRAME_ICON_NAME;
      /* Translators: what a link's end is when it is a frame (a labelled area grouping cards) */
      *kind_name = C_("link end", "Frame");
      if (label != NULL && label[0] != '\0')
        return g_strdup (label);
      /* Translators: a frame with no label, named at the end of a link */
      return g_strdup (_("Untitled frame"));
    }

  *icon_name = NULL;
  *kind_name = NULL;
  return g_strdup (_("Unknown card"));
}

/**
 * eb_link_details_get_editable:
 * @self: a link details pane
 *
 * Returns: whether the link's fields can be edited
 */
gboolean
eb_link_details_get_editable (EbLinkDetails *self)
{
  g_return_val_if_fail (EB_IS_LINK_DETAILS (self), FALSE);
  return self->editable;
}

/**
 * eb_link_details_set_editable:
 * @self: a link details pane
 * @editable: whether the link's fields can be edited
 *
 * A read-only board shows its links without letting them change: the
 * fields and the Delete button are insensitive, but the rows naming the
 * link's ends still lead to them.
 */
void
eb_link_details_set_editable (EbLinkDetails *self,
                              gboolean       editable)
{
  g_return_if_fail (EB_IS_LINK_DETAILS (self));

  editable = !!editable;
  if (self->editable == editable)
    return;

  self->editable = editable;
  gtk_widget_set_sensitive (GTK_WIDGET (self->fields_group), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_group), editable);

  /* A colour being chosen would be applied by a board that refuses it. */
  if (!editable && self->color_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->color_dialog)));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}
