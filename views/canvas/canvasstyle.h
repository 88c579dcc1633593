#pragma once

#include <cstddef>

#include <QColor>

// Visual constants of the canvas, in device pixels unless the name says otherwise.
// Glyphs and labels are drawn at a fixed pixel size whatever the zoom (they ignore the
// view transform), so these numbers are what the user sees.

namespace dci::canvasstyle {

// Colours: a light, quiet background so that the network and the heatmap stand out.
inline const QColor kBackground{0xf6, 0xf7, 0xf9};
inline const QColor kGraticule{0xe2, 0xe6, 0xec};
inline const QColor kGraticuleText{0x9a, 0xa3, 0xaf};
inline const QColor kHintText{0x8a, 0x93, 0xa0};
inline const QColor kSiteFill{0x2a, 0x37, 0x4a}; // dark slate: apart from every heat colour
inline const QColor kSiteOutline{0x1a, 0x24, 0x33};
inline const QColor kHubOutline{0x4b, 0x55, 0x63};
inline const QColor kHubFill{0xff, 0xff, 0xff};
inline const QColor kOverCap{0xd0, 0x1c, 0x1f};
inline const QColor kSelection{0x7c, 0x3a, 0xed}; // violet: no heat colour is near it
inline constexpr int kSelectionGlowAlpha = 120;   // a selected span glows, its colour still reads
inline const QColor kLeader{0x8a, 0x94, 0xa3};
inline const QColor kClusterFill{0xe8, 0xed, 0xf4};
inline const QColor kClusterOutline{0xc9, 0xd3, 0xe0};
inline const QColor kDownSpan{0xa3, 0xaa, 0xb4};
inline const QColor kTextPrimary{0x1c, 0x23, 0x2e};
inline const QColor kTextSecondary{0x52, 0x5d, 0x6b};
inline const QColor kLabelHalo{0xff, 0xff, 0xff, 225};
inline const QColor kLabelBorder{0xd5, 0xdb, 0xe3};

// Site glyph: a disc whose area grows with the GPU count (radius ~ sqrt(GPUs)), so
// 100k GPUs is a 20 px radius, 16k GPUs 8 px; a 0-GPU site (hub, exchange) recedes: a
// small hollow diamond, smaller than any campus.
inline constexpr double kGlyphMinRadiusPx = 7.0;
inline constexpr double kGlyphRadiusPerSqrtKiloGpuPx = 2.0;
inline constexpr double kGlyphMaxRadiusPx = 40.0;
inline constexpr double kHubRadiusPx = 5.0;
inline constexpr double kHubOutlinePx = 1.5;
inline constexpr double kSiteBorderPx = 1.5;
inline constexpr double kOverCapRingPx = 3.0;
inline constexpr double kAnchorDotRadiusPx = 2.5;

// Spans. The width grows by kSpanWidthPerDoublingPx each time the capacity doubles from
// kSpanWidthBaseGbps (one 400G wavelength: 2.5 px; 3.2 Tb/s: 5.3 px; 25.6 Tb/s: 8 px).
inline constexpr double kSpanWidthPx = 2.5;
inline constexpr double kSpanWidthBaseGbps = 400.0;
inline constexpr double kSpanWidthPerDoublingPx = 0.9;
inline constexpr double kSpanMaxWidthPx = 9.0;
inline constexpr double kOverloadedExtraWidthPx = 1.5; // over 100%: heavier, dashed and dark red
inline constexpr double kDownSpanWidthPx = 1.8;
inline constexpr double kDownMarkHalfPx = 6.0;
inline constexpr double kParallelSpanOffsetPx = 7.0;

// Labels.
// A hub (no GPUs) is named only when the view is close enough to read a region: at most
// this many kilometres per pixel (a 1,000 px canvas spanning 1,500 km), or while the
// pointer is on it. A continent-wide view names the campuses and leaves the hubs to the
// spans.
inline constexpr double kHubLabelsMaxKmPerPx = 1.5;
// A span whose demands get less than this share of their rate as goodput (loss) says so
// in its label.
inline constexpr double kGoodputShownBelow = 0.9;
inline constexpr int kLabelTitlePx = 13;
inline constexpr int kLabelDetailPx = 12;
inline constexpr int kSpanLabelPx = 11;
inline constexpr double kLabelPaddingPx = 3.0;
inline constexpr double kLabelRadiusPx = 3.0;

// Layout: the space kept between two glyphs and between a glyph and its label.
inline constexpr double kGlyphGapPx = 12.0;
inline constexpr double kLabelGapPx = 4.0;
// A ring of crowded sites sits on a soft disc this much larger than the ring, which
// says "these sites are drawn apart, the dots are where they really are".
inline constexpr double kClusterPaddingPx = 7.0;
inline constexpr std::size_t kMaxClusterSites = 8; // larger groups are not put on a ring

} // namespace dci::canvasstyle
