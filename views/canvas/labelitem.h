#pragma once

#include <QColor>
#include <QFont>
#include <QGraphicsItem>
#include <QList>
#include <QString>

namespace dci {

// A piece of label text in one colour and weight.
struct LabelRun {
    QString text;
    QColor color;
    bool bold = false;

    bool operator==(const LabelRun &) const = default;
};

struct LabelLine {
    QList<LabelRun> runs;
    int pixelSize = 12;

    bool operator==(const LabelLine &) const = default;
};

// Multi-line text on a rounded, translucent white plate so it stays readable over spans.
// It ignores the view transform: the text has the same pixel size at every zoom. The
// owner decides where it goes (see labellayout.h); the label itself only draws.
class LabelItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 3 };

    explicit LabelItem(QGraphicsItem *parent = nullptr);

    int type() const override { return Type; }

    void setLines(const QList<LabelLine> &lines);
    QString text() const; // plain text, lines joined by '\n' (tests, accessibility)

    // Size of the plate in pixels.
    QSizeF size() const { return m_size; }
    // The size a plate with these lines would have.
    static QSizeF measure(const QList<LabelLine> &lines);

    // Where the plate's top-left corner is, in pixels from the item's position.
    void setOrigin(const QPointF &originPx);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    static QFont fontFor(const LabelLine &line, bool bold);

    QList<LabelLine> m_lines;
    QSizeF m_size;
    QPointF m_origin;
};

} // namespace dci
