#include "statussummary.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <cmath>

namespace dci {

namespace {
const QString kSeparator = QStringLiteral(" · ");
const QString kEllipsis = QStringLiteral("…");
constexpr int kMarginPx = 4;
} // namespace

StatusSummary::StatusSummary(QWidget *parent)
    : QWidget(parent)
{
    setContentsMargins(kMarginPx, 0, kMarginPx, 0);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void StatusSummary::setFields(const QList<Field> &fields)
{
    m_fields = fields;
    updateGeometry();
    update();
}

QList<StatusSummary::Field> StatusSummary::shownFields() const
{
    QList<Field> shown;
    for (const Field &field : m_fields)
        if (!field.text.isEmpty())
            shown << field;
    return shown;
}

QString StatusSummary::text() const
{
    QStringList parts;
    for (const Field &field : shownFields())
        parts << field.text;
    return parts.join(kSeparator);
}

QString StatusSummary::shownText() const
{
    QString shown;
    for (const Piece &piece : pieces())
        shown += piece.text;
    return shown;
}

QSize StatusSummary::sizeHint() const
{
    const QFontMetricsF fm(font());
    return QSize(int(std::ceil(fm.horizontalAdvance(text()))) + 2 * kMarginPx, int(std::ceil(fm.height())));
}

QSize StatusSummary::minimumSizeHint() const
{
    // Room for the ellipsis alone: the summary gives way to anything else in the bar.
    const QFontMetricsF fm(font());
    return QSize(int(std::ceil(fm.horizontalAdvance(kEllipsis))) + 2 * kMarginPx, int(std::ceil(fm.height())));
}

QList<StatusSummary::Piece> StatusSummary::pieces() const
{
    const QFontMetricsF fm(font());
    const QRectF area = contentsRect();
    const QList<Field> fields = shownFields();
    QList<Piece> out;
    double x = area.left();
    const auto add = [&](const QString &text, qsizetype field, bool elided) {
        const double width = fm.horizontalAdvance(text);
        out << Piece{text, QRectF(x, area.top(), width, area.height()), field, elided};
        x += width;
    };
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const double separator = i > 0 ? fm.horizontalAdvance(kSeparator) : 0.0;
        if (x + separator + fm.horizontalAdvance(fields[i].text) <= area.right() + 1) {
            if (i > 0)
                add(kSeparator, -1, false);
            add(fields[i].text, i, false);
            continue;
        }
        // The first figure that does not fit: its beginning, or at least the ellipsis.
        const QString elided = fm.elidedText(fields[i].text, Qt::ElideRight, area.right() + 1 - x - separator);
        if (i > 0 && !elided.isEmpty())
            add(kSeparator, -1, false);
        add(elided.isEmpty() ? kEllipsis : elided, i, true);
        break;
    }
    return out;
}

void StatusSummary::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    for (const Piece &piece : pieces()) {
        painter.setPen(palette().color(piece.field < 0 ? QPalette::PlaceholderText : QPalette::WindowText));
        painter.drawText(piece.rect, Qt::AlignLeft | Qt::AlignVCenter, piece.text);
    }
}

bool StatusSummary::event(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    const auto *help = static_cast<QHelpEvent *>(event);
    const QList<Field> fields = shownFields();
    for (const Piece &piece : pieces()) {
        if (piece.field < 0 || !piece.rect.contains(help->pos()))
            continue;
        QStringList lines;
        if (!fields[piece.field].toolTip.isEmpty())
            lines << fields[piece.field].toolTip;
        if (piece.elided) // what the narrow window leaves out
            for (qsizetype i = piece.field; i < fields.size(); ++i)
                lines << fields[i].text;
        if (!lines.isEmpty()) {
            QToolTip::showText(help->globalPos(), lines.join(QLatin1Char('\n')), this, piece.rect.toAlignedRect());
            return true;
        }
    }
    QToolTip::hideText();
    event->ignore();
    return true;
}

} // namespace dci
