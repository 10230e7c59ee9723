/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>

#include "cm-animation.h"

G_BEGIN_DECLS

/* `chronomap export --animate START..END --step STEP [--fps N] [--hold S]
 * -o OUT.webp|OUT.gif|DIR/`: the diffusion as frames (cm-animation.h). */
typedef struct
{
  char   *animate;   /* as given */
  char   *step;
  double  fps;       /* NAN: not given */
  double  hold;      /* NAN: not given */
} CmCliAnimate;

#define CM_CLI_ANIMATE_INIT { NULL, NULL, NAN, NAN }

/* Whether any of the animation's options was given. */
gboolean cm_cli_animate_given  (const CmCliAnimate *args);
/* Checks the options and the output's form (not yet its folder) into
 * @anim; FALSE after one line on stderr: a usage error. */
gboolean cm_cli_animate_check  (const CmCliAnimate *args,
                                const char         *output,
                                CmAnimationOptions *anim);
/* Writes the animation of @figure (sized already) to @output; the exit
 * status. */
int      cm_cli_animate_write  (CmFigure                 *figure,
                                const CmAnimationOptions *anim,
                                const char               *output,
                                gboolean                  quiet);
void     cm_cli_animate_clear  (CmCliAnimate       *args);

G_END_DECLS
