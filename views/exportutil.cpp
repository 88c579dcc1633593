#include "exportutil.h"

#include "canvas/plaingeometry.h"

#include <QAbstractItemModel>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QMenu>
#include <QMessageBox>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

namespace dci {

namespace {

QString csvField(QString text)
{
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n'))) {
        text.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QLatin1Char('"') + text + QLatin1Char('"');
    }
    return text;
}

bool failWith(const QString &path, const QString &why, QString *error)
{
    if (error)
        *error = QStringLiteral("%1: %2").arg(path, why);
    return false;
}

} // namespace

bool writeCsv(const QAbstractItemModel &model, const QString &path, QString *error)
{
    QStringList lines;
    QStringList header;
    for (int col = 0; col < model.columnCount(); ++col)
        header << csvField(model.headerData(col, Qt::Horizontal).toString());
    lines << header.join(QLatin1Char(','));
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList fields;
        for (int col = 0; col < model.columnCount(); ++col)
            fields << csvField(model.index(row, col).data(Qt::DisplayRole).toString());
        lines << fields.join(QLatin1Char(','));
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return failWith(path, QObject::tr("cannot write the file"), error);
    out.write((lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n")).toUtf8());
    return out.commit() || failWith(path, QObject::tr("cannot write the file"), error);
}

bool writeWidgetPicture(QWidget *widget, const QString &path, QString *error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QSize size = widget->size();
    if (suffix == QStringLiteral("png")) {
        return widget->grab().save(path, "PNG") || failWith(path, QObject::tr("cannot write the picture"), error);
    }
    const auto paint = [&](QPaintDevice *device) {
        QPainter painter;
        if (!painter.begin(device))
            return false;
        {
            PlainGeometryDevice plain(&painter, size);
            widget->render(&plain);
        }
        return painter.end();
    };
    if (suffix == QStringLiteral("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        return paint(&svg) || failWith(path, QObject::tr("cannot write the picture"), error);
    }
    if (suffix == QStringLiteral("pdf")) {
        constexpr int kCssDpi = 96;
        constexpr double kPointsPerCssPixel = 72.0 / kCssDpi;
        QPdfWriter pdf(path);
        pdf.setResolution(kCssDpi);
        pdf.setPageSize(QPageSize(QSizeF(size) * kPointsPerCssPixel, QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        return paint(&pdf) || failWith(path, QObject::tr("cannot write the picture"), error);
    }
    return failWith(path, QObject::tr("unknown picture format “%1”; use .png, .svg or .pdf").arg(suffix), error);
}

QString askSavePath(QWidget *parent, const QString &title, const QString &base, const QStringList &suffixes)
{
    const auto describe = [](const QString &suffix) {
        if (suffix == QStringLiteral("png"))
            return QObject::tr("PNG image (*.png)");
        if (suffix == QStringLiteral("svg"))
            return QObject::tr("SVG drawing (*.svg)");
        if (suffix == QStringLiteral("pdf"))
            return QObject::tr("PDF document (*.pdf)");
        if (suffix == QStringLiteral("html"))
            return QObject::tr("HTML document (*.html)");
        return QObject::tr("CSV table (*.csv)");
    };
    QStringList filters;
    for (const QString &suffix : suffixes)
        filters << describe(suffix);
    QString chosen;
    QString path = QFileDialog::getSaveFileName(parent, title, base + QLatin1Char('.') + suffixes.value(0),
                                                filters.join(QStringLiteral(";;")), &chosen);
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty()) {
        const qsizetype index = filters.indexOf(chosen);
        path += QLatin1Char('.') + suffixes.value(index < 0 ? 0 : index);
    }
    return path;
}

void addExportCsvAction(QMenu *menu, const QAbstractItemModel *model, const QString &baseName, QWidget *parent)
{
    menu->addAction(QObject::tr("Export CSV..."), parent, [model, baseName, parent] {
        const QString path = askSavePath(parent, QObject::tr("Export CSV"), QDir::home().filePath(baseName),
                                         {QStringLiteral("csv")});
        QString why;
        if (!path.isEmpty() && !writeCsv(*model, path, &why))
            QMessageBox::warning(parent, QObject::tr("Cannot Export"), why);
    });
}

void addExportPictureAction(QMenu *menu, QWidget *widget, const QString &baseName, QWidget *parent)
{
    menu->addAction(QObject::tr("Export Picture..."), parent, [widget, baseName, parent] {
        const QString path = askSavePath(parent, QObject::tr("Export Picture"), QDir::home().filePath(baseName),
                                         {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")});
        if (path.isEmpty())
            return;
        QString why;
        if (!writeWidgetPicture(widget, path, &why))
            QMessageBox::warning(parent, QObject::tr("Cannot Export"), why);
    });
}

} // namespace dci
