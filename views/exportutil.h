#pragma once

#include <QString>
#include <QStringList>

class QAbstractItemModel;
class QMenu;
class QWidget;

namespace dci {

// Saving what a view shows (issue 14): a table as CSV, a chart as a picture.

// The model's rows as CSV (RFC 4180: comma-separated, quoted where a field holds a comma,
// quote or line break; the header row first), the text each cell displays. False with a
// message naming the path when it cannot be written.
bool writeCsv(const QAbstractItemModel &model, const QString &path, QString *error);

// The widget as it is drawn, as PNG (at the screen's pixel ratio), SVG or PDF by the
// suffix; SVG and PDF hold plain geometry (canvas/plaingeometry.h).
bool writeWidgetPicture(QWidget *widget, const QString &path, QString *error);

// Asks where to save: a file dialog starting at base + the first suffix, one filter per
// suffix ("png", "svg", "pdf", "html", "csv"); a name typed without a suffix gets the
// chosen filter's. Empty when cancelled.
QString askSavePath(QWidget *parent, const QString &title, const QString &base, const QStringList &suffixes);

// Adds "Export CSV..." (a table) or "Export Picture..." (a chart) to a context menu:
// asks for the file and writes it, saying so in a message box when it fails.
void addExportCsvAction(QMenu *menu, const QAbstractItemModel *model, const QString &baseName, QWidget *parent);
void addExportPictureAction(QMenu *menu, QWidget *widget, const QString &baseName, QWidget *parent);

} // namespace dci
