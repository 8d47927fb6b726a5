"""The one drawing toolkit, one module per job: fonts, colours, patterns, svg (the one SVG loader and its cache),
icons, qr (codes and their one drawer), markup (the one escaper), textfit, raster (PDF pages to pixels), pdf
canvases and xmp.

Every output package draws through it. Importing it sets reportlab's stream encoding once for the process.
"""

from reportlab import rl_config

# Binary (Flate only) streams instead of ASCII85 over Flate: 20% smaller files and less work to write them.
# Every PDF viewer and printer reads them; the files stay byte-identical build after build.
rl_config.useA85 = 0
