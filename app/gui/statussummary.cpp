#include "statussummary.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QMouseEvent>
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
    setMouseTracking(true); // the pointing hand over clickable fields
}

void StatusSummary::setFields(const QList<Field> &fields)
{
    m_fields = fields;
    updateGeometry();
    update();
}

QString StatusSummary::text() const
{
    QStringList parts;
    for (const Field &field : m_fields)
        if (!field.text.isEmpty())
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
    QList<Piece> out;
    double x = area.left();
    const auto add = [&](const QString &text, qsizetype field, bool elided) {
        const double width = fm.horizontalAdvance(text);
        out << Piece{text, QRectF(x, area.top(), width, area.height()), field, elided};
        x += width;
    };
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        const QString &text = m_fields[i].text;
        if (text.isEmpty())
            continue;
        const bool first = out.isEmpty();
        const double separator = first ? 0.0 : fm.horizontalAdvance(kSeparator);
        if (x + separator + fm.horizontalAdvance(text) <= area.right() + 1) {
            if (!first)
                add(kSeparator, -1, false);
            add(text, i, false);
            continue;
        }
        // The first figure that does not fit: its beginning, or at least the ellipsis.
        const QString elided = fm.elidedText(text, Qt::ElideRight, area.right() + 1 - x - separator);
        if (!first && !elided.isEmpty())
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
    for (const Piece &piece : pieces()) {
        if (piece.field < 0 || !piece.rect.contains(help->pos()))
            continue;
        QStringList lines;
        if (!m_fields[piece.field].toolTip.isEmpty())
            lines << m_fields[piece.field].toolTip;
        if (piece.elided) // what the narrow window leaves out
            for (qsizetype i = piece.field; i < m_fields.size(); ++i)
                if (!m_fields[i].text.isEmpty())
                    lines << m_fields[i].text;
        if (!lines.isEmpty()) {
            QToolTip::showText(help->globalPos(), lines.join(QLatin1Char('\n')), this, piece.rect.toAlignedRect());
            return true;
        }
    }
    QToolTip::hideText();
    event->ignore();
    return true;
}

qsizetype StatusSummary::clickableFieldAt(const QPoint &pos) const
{
    for (const Piece &piece : pieces())
        if (piece.field >= 0 && m_fields[piece.field].clickable && piece.rect.contains(pos))
            return piece.field;
    return -1;
}

void StatusSummary::mouseMoveEvent(QMouseEvent *event)
{
    if (clickableFieldAt(event->position().toPoint()) >= 0)
        setCursor(Qt::PointingHandCursor);
    else
        unsetCursor();
    QWidget::mouseMoveEvent(event);
}

void StatusSummary::mouseReleaseEvent(QMouseEvent *event)
{
    const qsizetype field = event->button() == Qt::LeftButton ? clickableFieldAt(event->position().toPoint()) : -1;
    if (field < 0) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    emit fieldClicked(field);
    event->accept();
}

} // namespace dci
