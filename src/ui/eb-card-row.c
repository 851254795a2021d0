/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-card-row"

#include "config.h"

#include <glib/gi18n.h>

#include "eb-card-row.h"
#include "eb-date.h"

/* One row of the card list: the card's kind as an icon, its title, a
 * second line that depends on the kind (a person's role, an event's date,
 * a source's publisher and date) and, for sources, the reliability grade
 * as a badge. The row follows the card's fields as they change, so edits
 * in the details pane and undo show in the list at once. */
struct _EbCardRow
{
  GtkBox     parent_instance;

  EbCard    *card;
  gulong     notify_handler;

  GtkImage  *kind_image;
  GtkLabel  *title_label;
  GtkLabel  *subtitle_label;
  GtkLabel  *grade_label;
};

G_DEFINE_FINAL_TYPE (EbCardRow, eb_card_row, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * eb_card_kind_icon_name:
 * @kind: a card kind
 *
 * Returns: the name of the symbolic icon that stands for @kind in lists
 */
const char *
eb_card_kind_icon_name (EbCardKind kind)
{
  switch (kind)
    {
    case EB_CARD_KIND_PERSON: return "avatar-default-symbolic";
    case EB_CARD_KIND_EVENT: return "x-office-calendar-symbolic";
    case EB_CARD_KIND_SOURCE: return "emblem-documents-symbolic";
    case EB_CARD_KIND_NOTE:
    default: return "document-edit-symbolic";
    }
}

static char *
dup_date_range (EbCard *card)
{
  g_autofree char *start = eb_date_format (eb_card_get_date (card));
  g_autofree char *end = eb_date_format (eb_card_get_end_date (card));

  if (start[0] != '\0' && end[0] != '\0')
    /* Translators: a span of time, e.g. "8 December 2024 – 9 December 2024" */
    return g_strdup_printf (_("%s – %s"), start, end);
  if (start[0] != '\0')
    return g_steal_pointer (&start);
  return g_steal_pointer (&end);
}

static char *
dup_subtitle (EbCard *card)
{
  switch (eb_card_get_kind (card))
    {
    case EB_CARD_KIND_PERSON:
      return g_strdup (eb_card_get_role (card));

    case EB_CARD_KIND_EVENT:
      return dup_date_range (card);

    case EB_CARD_KIND_SOURCE:
      {
        const char *publisher = eb_card_get_publisher (card);
        g_autofree char *date = eb_date_format (eb_card_get_date (card));

        if (publisher != NULL && date[0] != '\0')
          /* Translators: a source's publisher and date, e.g. "Reuters · 8 December 2024" */
          return g_strdup_printf (_("%s · %s"), publisher, date);
        if (publisher != NULL)
          return g_strdup (publisher);
        return g_steal_pointer (&date);
      }

    case EB_CARD_KIND_NOTE:
    default:
      return NULL;
    }
}

static void
eb_card_row_update (EbCardRow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  EbCardKind kind;
  EbGrade grade;

  if (self->card == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->grade_label), FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  kind = eb_card_get_kind (self->card);
  grade = eb_card_get_grade (self->card);
  title = eb_card_dup_display_title (self->card);
  subtitle = dup_subtitle (self->card);

  gtk_image_set_from_icon_name (self->kind_image, eb_card_kind_icon_name (kind));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_image), eb_card_kind_describe (kind));
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL && subtitle[0] != '\0');

  if (kind == EB_CARD_KIND_SOURCE && grade != EB_GRADE_NONE)
    {
      g_autofree char *tooltip = NULL;

      /* Translators: tooltip of a source's grade badge, e.g. "Grade B: Usually reliable" */
      tooltip = g_strdup_printf (_("Grade %s: %s"), eb_grade_to_string (grade), eb_grade_describe (grade));
      gtk_label_set_text (self->grade_label, eb_grade_to_string (grade));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->grade_label), tooltip);
      gtk_widget_set_visible (GTK_WIDGET (self->grade_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->grade_label), FALSE);

  /* Translators: how screen readers name a row of the card list, e.g. "Person: Bashar al-Assad" */
  accessible = g_strdup_printf (_("%s: %s"), eb_card_kind_describe (kind), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle ? subtitle : "",
                                  -1);
}

static void
on_card_notify (EbCard     *card,
                GParamSpec *pspec,
                EbCardRow  *self)
{
  /* Position and size change on every drag; the row shows neither. */
  if (g_str_equal (pspec->name, "x") || g_str_equal (pspec->name, "y") ||
      g_str_equal (pspec->name, "width") || g_str_equal (pspec->name, "height") ||
      g_str_equal (pspec->name, "modified"))
    return;

  eb_card_row_update (self);
}

static void
eb_card_row_dispose (GObject *object)
{
  EbCardRow *self = EB_CARD_ROW (object);

  eb_card_row_set_card (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_CARD_ROW);

  G_OBJECT_CLASS (eb_card_row_parent_class)->dispose (object);
}

static void
eb_card_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EbCardRow *self = EB_CARD_ROW (object);

  switch (prop_id)
    {
    case PROP_CARD:
      g_value_set_object (value, self->card);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_card_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  EbCardRow *self = EB_CARD_ROW (object);

  switch (prop_id)
    {
    case PROP_CARD:
      eb_card_row_set_card (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_card_row_class_init (EbCardRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_card_row_dispose;
  object_class->get_property = eb_card_row_get_property;
  object_class->set_property = eb_card_row_set_property;

  properties[PROP_CARD] =
    g_param_spec_object ("card", NULL, NULL, EB_TYPE_CARD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/evidenceboard/EvidenceBoard/eb-card-row.ui");
  gtk_widget_class_bind_template_child (widget_class, EbCardRow, kind_image);
  gtk_widget_class_bind_template_child (widget_class, EbCardRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, EbCardRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, EbCardRow, grade_label);
  gtk_widget_class_set_css_name (widget_class, "ebcardrow");
}

static void
eb_card_row_init (EbCardRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * eb_card_row_new:
 *
 * Returns: (transfer floating): a row showing no card, for a list item factory
 */
GtkWidget *
eb_card_row_new (void)
{
  return g_object_new (EB_TYPE_CARD_ROW, NULL);
}

/**
 * eb_card_row_get_card:
 * @self: a card row
 *
 * Returns: (transfer none) (nullable): the card the row shows
 */
EbCard *
eb_card_row_get_card (EbCardRow *self)
{
  g_return_val_if_fail (EB_IS_CARD_ROW (self), NULL);
  return self->card;
}

/**
 * eb_card_row_set_card:
 * @self: a card row
 * @card: (nullable): the card to show, or %NULL when the row is unbound
 *
 * Shows @card and follows its changes until another card (or none) is set.
 */
void
eb_card_row_set_card (EbCardRow *self,
                      EbCard    *card)
{
  g_return_if_fail (EB_IS_CARD_ROW (self));
  g_return_if_fail (card == NULL || EB_IS_CARD (card));

  if (self->card == card)
    return;

  if (self->card != NULL)
    {
      g_clear_signal_handler (&self->notify_handler, self->card);
      g_clear_object (&self->card);
    }

  if (card != NULL)
    {
      self->card = g_object_ref (card);
      self->notify_handler = g_signal_connect (card, "notify", G_CALLBACK (on_card_notify), self);
    }

  eb_card_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD]);
}
