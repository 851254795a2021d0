/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-link"

#include "config.h"

#include <glib/gi18n.h>

#include "eb-card.h"
#include "eb-enums.h"
#include "eb-frame.h"
#include "eb-limits.h"
#include "eb-link.h"

struct _EbLink
{
  EbItem           parent_instance;
  char            *from_id;
  char            *to_id;
  char            *label;
  char            *color;
  EbLinkKind       kind;
  EbLinkDirection  direction;
  guint            credibility;
  EbLinkSide       from_side;
  EbLinkSide       to_side;
};

G_DEFINE_FINAL_TYPE (EbLink, eb_link, EB_TYPE_ITEM)

enum {
  PROP_0,
  PROP_FROM_ID,
  PROP_TO_ID,
  PROP_LABEL,
  PROP_KIND,
  PROP_DIRECTION,
  PROP_COLOR,
  PROP_CREDIBILITY,
  PROP_FROM_SIDE,
  PROP_TO_SIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string (EbLink      *self,
            char       **field,
            const char  *value,
            guint        prop_id)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_uint (EbLink *self,
          guint  *field,
          guint   value,
          guint   prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
eb_link_finalize (GObject *object)
{
  EbLink *self = EB_LINK (object);

  g_free (self->from_id);
  g_free (self->to_id);
  g_free (self->label);
  g_free (self->color);

  G_OBJECT_CLASS (eb_link_parent_class)->finalize (object);
}

static void
eb_link_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  EbLink *self = EB_LINK (object);

  switch (prop_id)
    {
    case PROP_FROM_ID: g_value_set_string (value, self->from_id); break;
    case PROP_TO_ID: g_value_set_string (value, self->to_id); break;
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_DIRECTION: g_value_set_enum (value, self->direction); break;
    case PROP_COLOR: g_value_set_string (value, self->color); break;
    case PROP_CREDIBILITY: g_value_set_uint (value, self->credibility); break;
    case PROP_FROM_SIDE: g_value_set_enum (value, self->from_side); break;
    case PROP_TO_SIDE: g_value_set_enum (value, self->to_side); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_link_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  EbLink *self = EB_LINK (object);
  const char *s;

  switch (prop_id)
    {
    case PROP_FROM_ID:
    case PROP_TO_ID:
      s = g_value_get_string (value);
      g_return_if_fail (s == NULL || eb_id_is_valid (s));
      set_string (self, prop_id == PROP_FROM_ID ? &self->from_id : &self->to_id, s, prop_id);
      break;
    case PROP_LABEL:
      s = g_value_get_string (value);
      g_return_if_fail (eb_text_is_valid (s, -1));
      set_string (self, &self->label, s, prop_id);
      break;
    case PROP_COLOR:
      s = g_value_get_string (value);
      g_return_if_fail (eb_color_is_valid (s));
      set_string (self, &self->color, s, prop_id);
      break;
    case PROP_KIND:
      set_uint (self, &self->kind, g_value_get_enum (value), prop_id);
      break;
    case PROP_DIRECTION:
      set_uint (self, &self->direction, g_value_get_enum (value), prop_id);
      break;
    case PROP_CREDIBILITY:
      set_uint (self, &self->credibility, g_value_get_uint (value), prop_id);
      break;
    case PROP_FROM_SIDE:
      set_uint (self, &self->from_side, g_value_get_enum (value), prop_id);
      break;
    case PROP_TO_SIDE:
      set_uint (self, &self->to_side, g_value_get_enum (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_link_class_init (EbLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = eb_link_finalize;
  object_class->get_property = eb_link_get_property;
  object_class->set_property = eb_link_set_property;

  /* A link's ends (cards or frames) are set once, when it is made:
   * re-pointing a link on the board could leave it at an item that is
   * not there, which neither the board nor the drawing could hold. */
  properties[PROP_FROM_ID] =
    g_param_spec_string ("from-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TO_ID] =
    g_param_spec_string ("to-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, EB_TYPE_LINK_KIND, EB_LINK_KIND_RELATED, flags);
  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL, EB_TYPE_LINK_DIRECTION,
                       EB_LINK_DIRECTION_FORWARD, flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, flags);
  /* Admiralty credibility of the information: 1 confirmed … 6 cannot be
   * judged; 0 when the link is not a claim. */
  properties[PROP_CREDIBILITY] =
    g_param_spec_uint ("credibility", NULL, NULL, 0, 6, 0, flags);
  /* Where the link meets each end; none lets the drawing choose. */
  properties[PROP_FROM_SIDE] =
    g_param_spec_enum ("from-side", NULL, NULL, EB_TYPE_LINK_SIDE, EB_LINK_SIDE_NONE, flags);
  properties[PROP_TO_SIDE] =
    g_param_spec_enum ("to-side", NULL, NULL, EB_TYPE_LINK_SIDE, EB_LINK_SIDE_NONE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eb_link_init (EbLink *self)
{
  self->direction = EB_LINK_DIRECTION_FORWARD;
}

/**
 * eb_link_new:
 * @from_id: id of the card or frame the link starts at
 * @to_id: id of the card or frame it points to
 * @kind: what the link says
 * @label: (nullable): the words on the line, e.g. "granted asylum to"
 *
 * Returns: (transfer full): a new forward link with a fresh id
 */
EbLink *
eb_link_new (const char *from_id,
             const char *to_id,
             EbLinkKind  kind,
             const char *label)
{
  g_return_val_if_fail (from_id == NULL || eb_id_is_valid (from_id), NULL);
  g_return_val_if_fail (to_id == NULL || eb_id_is_valid (to_id), NULL);
  g_return_val_if_fail (kind <= EB_LINK_KIND_CONTRADICTS, NULL);

  return g_object_new (EB_TYPE_LINK,
                       "from-id", from_id,
                       "to-id", to_id,
                       "kind", kind,
                       "label", label,
                       NULL);
}

const char *
eb_link_get_from_id (EbLink *self)
{
  g_return_val_if_fail (EB_IS_LINK (self), NULL);
  return self->from_id;
}

const char *
eb_link_get_to_id (EbLink *self)
{
  g_return_val_if_fail (EB_IS_LINK (self), NULL);
  return self->to_id;
}

const char *
eb_link_get_label (EbLink *self)
{
  g_return_val_if_fail (EB_IS_LINK (self), NULL);
  return self->label;
}

EbLinkKind
eb_link_get_kind (EbLink *self)
{
  g_return_val_if_fail (EB_IS_LINK (self), EB_LINK_KIND_RELATED);
  return self->kind;
}

EbLinkDirection
eb_link_get_direction (EbLink *self)
{
  g_return_val_if_fail (EB_IS_LINK (self), EB_LINK_DIRECTION_NONE);
  return self->direction;
}

const char *
eb_link_get_color (EbLink *self)
{
  g_return_val_if_fail (EB_IS_LINK (self), NULL);
  return self->color;
}

guint
eb_link_get_credibility (EbLink *self)
{
  g_return_val_if_fail (EB_IS_LINK (self), 0);
  return self->credibility;
}

EbLinkSide
eb_link_get_from_side (EbLink *self)
{
  g_return_val_if_fail (EB_IS_LINK (self), EB_LINK_SIDE_NONE);
  return self->from_side;
}

EbLinkSide
eb_link_get_to_side (EbLink *self)
{
  g_return_val_if_fail (EB_IS_LINK (self), EB_LINK_SIDE_NONE);
  return self->to_side;
}

/**
 * eb_link_end_get_bounds:
 * @end: the card or frame at one end of a link
 * @x: (out): left edge
 * @y: (out): top edge
 * @width: (out): width
 * @height: (out): height
 *
 * The rectangle a link attaches to, whichever kind of item it ends at.
 */
void
eb_link_end_get_bounds (EbItem *end,
                        double *x,
                        double *y,
                        double *width,
                        double *height)
{
  if (EB_IS_CARD (end))
    {
      *x = eb_card_get_x (EB_CARD (end));
      *y = eb_card_get_y (EB_CARD (end));
      *width = eb_card_get_width (EB_CARD (end));
      *height = eb_card_get_height (EB_CARD (end));
    }
  else if (EB_IS_FRAME (end))
    {
      *x = eb_frame_get_x (EB_FRAME (end));
      *y = eb_frame_get_y (EB_FRAME (end));
      *width = eb_frame_get_width (EB_FRAME (end));
      *height = eb_frame_get_height (EB_FRAME (end));
    }
  else
    {
      *x = *y = *width = *height = 0;
      g_return_if_reached ();
    }
}

/**
 * eb_link_kind_describe:
 * @kind: a link kind
 *
 * Returns: the kind's name for people, translated
 */
const char *
eb_link_kind_describe (EbLinkKind kind)
{
  switch (kind)
    {
    /* Translators: the kind of a link: the information on the first card
     * comes from the second (a source) */
    case EB_LINK_KIND_REPORTED_BY: return C_("link kind", "Reported by");
    /* Translators: the kind of a link: the first card (a source, an
     * event) speaks for the claim on the second */
    case EB_LINK_KIND_SUPPORTS: return C_("link kind", "Supports");
    /* Translators: the kind of a link: the first card speaks against the
     * claim on the second */
    case EB_LINK_KIND_CONTRADICTS: return C_("link kind", "Contradicts");
    /* Translators: the kind of a link: any other relation, which its label
     * names ("granted asylum to") */
    case EB_LINK_KIND_RELATED:
    default: return C_("link kind", "Related");
    }
}

/**
 * eb_credibility_describe:
 * @credibility: 0 to 6
 *
 * Returns: the Admiralty meaning of a credibility rating, translated
 */
const char *
eb_credibility_describe (guint credibility)
{
  switch (credibility)
    {
    /* Translators: information credibility on the NATO/Admiralty scale */
    case 1: return _("Confirmed by other sources");
    case 2: return _("Probably true");
    case 3: return _("Possibly true");
    case 4: return _("Doubtful");
    case 5: return _("Improbable");
    case 6: return _("Truth cannot be judged");
    default: return _("Not a claim");
    }
}
