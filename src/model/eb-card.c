/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-card"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "eb-card.h"
#include "eb-date.h"
#include "eb-enums.h"
#include "eb-limits.h"

/* The text fields, in one array so that setting and freeing them is one
 * piece of code rather than eleven. */
typedef enum {
  TEXT_COLOR,
  TEXT_TITLE,
  TEXT_ALIASES,
  TEXT_ROLE,
  TEXT_NOTES,
  TEXT_DATE,
  TEXT_END_DATE,
  TEXT_PLACE,
  TEXT_PUBLISHER,
  TEXT_URL,
  N_TEXTS
} CardText;

struct _EbCard
{
  EbItem      parent_instance;
  EbCardKind  kind;
  EbGrade     grade;
  double      x;
  double      y;
  double      width;
  double      height;
  char       *texts[N_TEXTS];
};

G_DEFINE_FINAL_TYPE (EbCard, eb_card, EB_TYPE_ITEM)

enum {
  PROP_0,
  PROP_KIND,
  PROP_X,
  PROP_Y,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_GRADE,
  PROP_FIRST_TEXT,
  PROP_LAST_TEXT = PROP_FIRST_TEXT + N_TEXTS - 1,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *text_names[N_TEXTS] = {
  [TEXT_COLOR] = "color",
  [TEXT_TITLE] = "title",
  [TEXT_ALIASES] = "aliases",
  [TEXT_ROLE] = "role",
  [TEXT_NOTES] = "notes",
  [TEXT_DATE] = "date",
  [TEXT_END_DATE] = "end-date",
  [TEXT_PLACE] = "place",
  [TEXT_PUBLISHER] = "publisher",
  [TEXT_URL] = "url",
};

static gboolean
text_is_valid (CardText    which,
               const char *text)
{
  switch (which)
    {
    case TEXT_COLOR:
      return eb_color_is_valid (text);
    case TEXT_DATE:
    case TEXT_END_DATE:
      return eb_date_is_valid (text);
    default:
      return eb_text_is_valid (text, -1);
    }
}

static void
set_text (EbCard     *self,
          CardText    which,
          const char *text)
{
  /* Empty and NULL are the same field value; keep one of them. */
  if (text != NULL && text[0] == '\0')
    text = NULL;

  g_return_if_fail (text_is_valid (which, text));

  if (g_strcmp0 (self->texts[which], text) == 0)
    return;

  g_free (self->texts[which]);
  self->texts[which] = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_TEXT + which]);
}

static void
set_double (EbCard *self,
            double *field,
            double  value,
            guint   prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
eb_card_finalize (GObject *object)
{
  EbCard *self = EB_CARD (object);

  for (guint i = 0; i < N_TEXTS; i++)
    g_free (self->texts[i]);

  G_OBJECT_CLASS (eb_card_parent_class)->finalize (object);
}

static void
eb_card_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  EbCard *self = EB_CARD (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_X:
      g_value_set_double (value, self->x);
      break;
    case PROP_Y:
      g_value_set_double (value, self->y);
      break;
    case PROP_WIDTH:
      g_value_set_double (value, self->width);
      break;
    case PROP_HEIGHT:
      g_value_set_double (value, self->height);
      break;
    case PROP_GRADE:
      g_value_set_enum (value, self->grade);
      break;
    default:
      if (prop_id >= PROP_FIRST_TEXT && prop_id <= PROP_LAST_TEXT)
        g_value_set_string (value, self->texts[prop_id - PROP_FIRST_TEXT]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_card_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  EbCard *self = EB_CARD (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_X:
      set_double (self, &self->x, g_value_get_double (value), prop_id);
      break;
    case PROP_Y:
      set_double (self, &self->y, g_value_get_double (value), prop_id);
      break;
    case PROP_WIDTH:
      set_double (self, &self->width, g_value_get_double (value), prop_id);
      break;
    case PROP_HEIGHT:
      set_double (self, &self->height, g_value_get_double (value), prop_id);
      break;
    case PROP_GRADE:
      if (self->grade != (EbGrade) g_value_get_enum (value))
        {
          self->grade = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      if (prop_id >= PROP_FIRST_TEXT && prop_id <= PROP_LAST_TEXT)
        set_text (self, prop_id - PROP_FIRST_TEXT, g_value_get_string (value));
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_card_class_init (EbCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = eb_card_finalize;
  object_class->get_property = eb_card_get_property;
  object_class->set_property = eb_card_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, EB_TYPE_CARD_KIND, EB_CARD_KIND_NOTE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_X] =
    g_param_spec_double ("x", NULL, NULL, -EB_COORD_MAX, EB_COORD_MAX, 0, flags);
  properties[PROP_Y] =
    g_param_spec_double ("y", NULL, NULL, -EB_COORD_MAX, EB_COORD_MAX, 0, flags);
  properties[PROP_WIDTH] =
    g_param_spec_double ("width", NULL, NULL, EB_SIZE_MIN, EB_SIZE_MAX, 220, flags);
  properties[PROP_HEIGHT] =
    g_param_spec_double ("height", NULL, NULL, EB_SIZE_MIN, EB_SIZE_MAX, 100, flags);
  properties[PROP_GRADE] =
    g_param_spec_enum ("grade", NULL, NULL, EB_TYPE_GRADE, EB_GRADE_NONE, flags);

  for (guint i = 0; i < N_TEXTS; i++)
    properties[PROP_FIRST_TEXT + i] =
      g_param_spec_string (text_names[i], NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eb_card_init (EbCard *self)
{
  self->width = 220;
  self->height = 100;
}

/**
 * eb_card_new:
 * @kind: what the card stands for
 *
 * Returns: (transfer full): a new card with a fresh id at (0, 0)
 */
EbCard *
eb_card_new (EbCardKind kind)
{
  g_return_val_if_fail (kind <= EB_CARD_KIND_NOTE, NULL);

  return g_object_new (EB_TYPE_CARD, "kind", kind, NULL);
}

EbCardKind
eb_card_get_kind (EbCard *self)
{
  g_return_val_if_fail (EB_IS_CARD (self), EB_CARD_KIND_NOTE);
  return self->kind;
}

double
eb_card_get_x (EbCard *self)
{
  g_return_val_if_fail (EB_IS_CARD (self), 0);
  return self->x;
}

double
eb_card_get_y (EbCard *self)
{
  g_return_val_if_fail (EB_IS_CARD (self), 0);
  return self->y;
}

double
eb_card_get_width (EbCard *self)
{
  g_return_val_if_fail (EB_IS_CARD (self), 0);
  return self->width;
}

double
eb_card_get_height (EbCard *self)
{
  g_return_val_if_fail (EB_IS_CARD (self), 0);
  return self->height;
}

/**
 * eb_card_set_position:
 * @self: a card
 * @x: left edge, in board units
 * @y: top edge, in board units
 *
 * Moves the card, notifying "x" and "y" together.
 */
void
eb_card_set_position (EbCard *self,
                      double  x,
                      double  y)
{
  g_return_if_fail (EB_IS_CARD (self));
  g_object_set (self, "x", x, "y", y, NULL);
}

EbGrade
eb_card_get_grade (EbCard *self)
{
  g_return_val_if_fail (EB_IS_CARD (self), EB_GRADE_NONE);
  return self->grade;
}

#define TEXT_GETTER(name, which) \
  const char * \
  eb_card_get_##name (EbCard *self) \
  { \
    g_return_val_if_fail (EB_IS_CARD (self), NULL); \
    return self->texts[which]; \
  }

TEXT_GETTER (color, TEXT_COLOR)
TEXT_GETTER (title, TEXT_TITLE)
TEXT_GETTER (aliases, TEXT_ALIASES)
TEXT_GETTER (role, TEXT_ROLE)
TEXT_GETTER (notes, TEXT_NOTES)
TEXT_GETTER (date, TEXT_DATE)
TEXT_GETTER (end_date, TEXT_END_DATE)
TEXT_GETTER (place, TEXT_PLACE)
TEXT_GETTER (publisher, TEXT_PUBLISHER)
TEXT_GETTER (url, TEXT_URL)

/**
 * eb_card_dup_display_title:
 * @self: a card
 *
 * The line that names a card in lists: its title, or for a note without
 * one the first line of its text.
 *
 * Returns: (transfer full): never %NULL
 */
char *
eb_card_dup_display_title (EbCard *self)
{
  const char *notes;
  const char *end;

  g_return_val_if_fail (EB_IS_CARD (self), NULL);

  if (self->texts[TEXT_TITLE] != NULL)
    return g_strdup (self->texts[TEXT_TITLE]);

  notes = self->texts[TEXT_NOTES];
  if (notes == NULL)
    return g_strdup (_("Untitled"));

  /* The first line that says something, without the Markdown heading
   * marks a note from Obsidian starts with ("## Timeline"). */
  while (*notes == '\n' || *notes == '\r' || *notes == ' ' || *notes == '\t')
    notes++;
  if (*notes == '#')
    {
      const char *text = notes;

      while (*text == '#')
        text++;
      if (*text == ' ' || *text == '\t')
        {
          while (*text == ' ' || *text == '\t')
            text++;
          notes = text;
        }
    }
  if (*notes == '\0')
    return g_strdup (_("Untitled"));

  end = strpbrk (notes, "\r\n");
  return end ? g_strndup (notes, end - notes) : g_strdup (notes);
}

/**
 * eb_grade_to_string:
 * @grade: a reliability grade
 *
 * Returns: "A" to "F", or "" for no grade
 */
const char *
eb_grade_to_string (EbGrade grade)
{
  static const char *letters[] = { "", "A", "B", "C", "D", "E", "F" };

  g_return_val_if_fail (grade <= EB_GRADE_F, "");
  return letters[grade];
}

/**
 * eb_grade_describe:
 * @grade: a reliability grade
 *
 * Returns: the grade's meaning on the Admiralty scale, translated
 */
const char *
eb_grade_describe (EbGrade grade)
{
  switch (grade)
    {
    /* Translators: source reliability grades of the NATO/Admiralty scale */
    case EB_GRADE_A: return _("Completely reliable");
    case EB_GRADE_B: return _("Usually reliable");
    case EB_GRADE_C: return _("Fairly reliable");
    case EB_GRADE_D: return _("Not usually reliable");
    case EB_GRADE_E: return _("Unreliable");
    case EB_GRADE_F: return _("Reliability cannot be judged");
    case EB_GRADE_NONE:
    default: return _("Not graded");
    }
}

/**
 * eb_card_kind_to_string:
 * @kind: a card kind
 *
 * Returns: the kind's name in files: "person", "event", "source" or "note"
 */
const char *
eb_card_kind_to_string (EbCardKind kind)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (EB_TYPE_CARD_KIND);
  GEnumValue *value = g_enum_get_value (klass, kind);

  return value ? value->value_nick : "note";
}

/**
 * eb_card_kind_describe:
 * @kind: a card kind
 *
 * Returns: the kind's name for people, translated
 */
const char *
eb_card_kind_describe (EbCardKind kind)
{
  switch (kind)
    {
    /* Translators: kinds of card on a board: a person, a dated event, a
     * source of information (an article, a report), a free-text note */
    case EB_CARD_KIND_PERSON: return C_("card kind", "Person");
    case EB_CARD_KIND_EVENT: return C_("card kind", "Event");
    case EB_CARD_KIND_SOURCE: return C_("card kind", "Source");
    case EB_CARD_KIND_NOTE:
    default: return C_("card kind", "Note");
    }
}
