#include "labelitem.h"

#include "canvasstyle.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace dci {

namespace cs = canvasstyle;

LabelItem::LabelItem(QGraphicsItem *parent)
    : QGraphicsItem(parent)
{
    setFlag(ItemIgnoresTransformations);
    // Labels are information, not handles: clicks go to the element underneath.
    setAcceptedMouseButtons(Qt::NoButton);
}

void LabelItem::setLines(const QList<LabelLine> &lines)
{
    if (lines == m_lines)
        return; // measuring text is what an edit's redraw would spend its time on
    prepareGeometryChange();
    m_lines = lines;
    m_size = measure(lines);
    update();
}

QString LabelItem::text() const
{
    QStringList lines;
    for (const LabelLine &line : m_lines) {
        QString text;
        for (const LabelRun &run : line.runs)
            text += run.text;
        lines << text;
    }
    return lines.join(QLatin1Char('\n'));
}

void LabelItem::setOrigin(const QPointF &originPx)
{
    if (originPx == m_origin)
        return;
    prepareGeometryChange();
    m_origin = originPx;
}

QFont LabelItem::fontFor(const LabelLine &line, bool bold)
{
    QFont font;
    font.setPixelSize(line.pixelSize);
    font.setBold(bold);
    return font;
}

QSizeF LabelItem::measure(const QList<LabelLine> &lines)
{
    if (lines.isEmpty())
        return QSizeF();
    double width = 0.0;
    double height = 0.0;
    for (const LabelLine &line : lines) {
        double lineWidth = 0.0;
        double lineHeight = 0.0;
        for (const LabelRun &run : line.runs) {
            const QFontMetricsF fm(fontFor(line, run.bold));
            lineWidth += fm.horizontalAdvance(run.text);
            lineHeight = std::max(lineHeight, fm.height());
        }
        width = std::max(width, lineWidth);
        height += lineHeight;
    }
    return QSizeF(width + 2 * cs::kLabelPaddingPx, height + 2 * cs::kLabelPaddingPx);
}

QRectF LabelItem::boundingRect() const
{
    return QRectF(m_origin, m_size);
}

void LabelItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_lines.isEmpty())
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(cs::kLabelBorder, 1.0));
    painter->setBrush(cs::kLabelHalo);
    painter->drawRoundedRect(boundingRect().adjusted(0.5, 0.5, -0.5, -0.5), cs::kLabelRadiusPx,
                             cs::kLabelRadiusPx);

    double y = m_origin.y() + cs::kLabelPaddingPx;
    for (const LabelLine &line : m_lines) {
        double x = m_origin.x() + cs::kLabelPaddingPx;
        double lineHeight = 0.0;
        double ascent = 0.0;
        for (const LabelRun &run : line.runs) {
            const QFontMetricsF fm(fontFor(line, run.bold));
            lineHeight = std::max(lineHeight, fm.height());
            ascent = std::max(ascent, fm.ascent());
        }
        for (const LabelRun &run : line.runs) {
            const QFont font = fontFor(line, run.bold);
            painter->setFont(font);
            painter->setPen(run.color);
            painter->drawText(QPointF(x, y + ascent), run.text);
            x += QFontMetricsF(font).horizontalAdvance(run.text);
        }
        y += lineHeight;
    }
}

} // namespace dci
