/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-ftm.h"

G_BEGIN_DECLS

/* Shared by eb-ftm.c (schemata, the notes block), eb-ftm-read.c and
 * eb-ftm-write.c. */

/* How many grid units of an Aleph diagram make one board unit: Aleph
 * draws a vertex as a dot of one unit (10 px) and spaces them 5 to 10
 * units apart, while our cards are 220 wide. */
#define EB_FTM_GRID_SCALE 30.0

/* Limits for untrusted FollowTheMoney data, beyond those of the model. */
#define EB_FTM_LINE_MAX      ((gsize) 16 * 1024 * 1024)  /* bytes in one line */
#define EB_FTM_DEPTH_MAX     16                          /* an entity nests 3 deep, a diagram 5 */
#define EB_FTM_NAME_MAX      64                          /* bytes in a schema or property name */
#define EB_FTM_ID_MAX        1024                        /* bytes in an entity id */
#define EB_FTM_VALUES_MAX    ((gsize) 4 * 1000 * 1000)   /* property values in one file */
/* Per entity: FtM schemata have well under a hundred properties, and real
 * entities a few hundred values of one at most. Entities keep properties
 * and values as short lists (duplicates are found by scanning), so these
 * bound that work: without them a 400 KB file took 20 s to read. */
#define EB_FTM_PROPS_MAX        256
#define EB_FTM_PROP_VALUES_MAX  2000

/* A property and its values, in the order the file gave them. */
typedef struct
{
  char      *name;
  GPtrArray *values;   /* (element-type utf8) without repeats */
} EbFtmProp;

/* One entity (or, when writing, one section of a card's notes block). */
typedef struct
{
  char      *id;
  char      *schema;
  char      *link_id;  /* notes block only: the link this section belongs to */
  GPtrArray *props;    /* (element-type EbFtmProp) */
} EbFtmEntity;

/* How a relationship schema becomes a link. */
typedef struct
{
  const char  *schema;
  const char  *source;         /* the property naming the link's first card */
  const char  *target;         /* … and its second */
  const char  *label;          /* the property that becomes the label */
  const char  *default_label;  /* the label when there is none; not translated: it is data */
  EbLinkKind   kind;
  gboolean     reversed;       /* the link runs from @target to @source */
} EbFtmEdge;

/* How a card field is kept in properties: @props[0] is where it is
 * written; the others are read when it is missing. */
typedef struct
{
  const char  *field;      /* the card property */
  const char  *props[4];   /* %NULL-terminated */
  gboolean     multi;      /* every value, one a line (aliases) */
  gboolean     date;
} EbFtmField;

const EbFtmField *eb_ftm_kind_fields         (EbCardKind    kind,
                                              guint        *n_fields);
void              eb_ftm_field_props         (const EbFtmField *field,
                                              gboolean      has_end,
                                              const char  **props);

/* What eb-ftm-read.c read, for eb-ftm-build.c. */
typedef struct
{
  GPtrArray   *entities;     /* (element-type EbFtmEntity) in file order */
  GHashTable  *by_id;        /* FtM id → EbFtmEntity */
  GHashTable  *vertices;     /* FtM id → double[2], grid units */
  GHashTable  *colors;       /* FtM id → "#rrggbb" */
  gsize        n_values;
} EbFtmReader;

EbBoard          *eb_ftm_build_board         (EbFtmReader  *reader,
                                              GError      **error);
char             *eb_ftm_shown               (const char   *text);

EbFtmEntity      *eb_ftm_entity_new          (const char   *id,
                                              const char   *schema);
void              eb_ftm_entity_free         (EbFtmEntity  *entity);
EbFtmProp        *eb_ftm_entity_get          (EbFtmEntity  *entity,
                                              const char   *name);
EbFtmProp        *eb_ftm_entity_ensure       (EbFtmEntity  *entity,
                                              const char   *name);
gboolean          eb_ftm_entity_add_value    (EbFtmEntity  *entity,
                                              const char   *name,
                                              const char   *value);
const char       *eb_ftm_entity_first        (EbFtmEntity  *entity,
                                              const char   *name);

gboolean          eb_ftm_name_is_valid       (const char   *name);
const EbFtmEdge  *eb_ftm_edge_lookup         (const char   *schema);
EbCardKind        eb_ftm_schema_kind         (const char   *schema);
const char       *eb_ftm_kind_schema         (EbCardKind    kind);
char             *eb_ftm_date_normalize      (const char   *value);

void              eb_ftm_block_append        (GString      *notes,
                                              EbFtmEntity  *section);
GPtrArray        *eb_ftm_block_parse         (const char   *notes,
                                              char        **free_text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbFtmEntity, eb_ftm_entity_free)

G_END_DECLS
