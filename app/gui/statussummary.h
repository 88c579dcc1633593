#pragma once

#include <QList>
#include <QRectF>
#include <QString>
#include <QWidget>

namespace dci {

// The status bar's summary of the plan, "7 sites · 440,000 GPUs · 904.3 MW · ...", each
// figure with a tooltip of its own. In a window too narrow for all of it, it shows the
// figures that fit and the next one elided ("capex $2…"), never a figure cut off at the
// window's edge (issue 13 #17); that figure's tooltip then lists the ones left out.
class StatusSummary : public QWidget
{
    Q_OBJECT

public:
    struct Field {
        QString text; // an empty field is left out
        QString toolTip;
        bool clickable = false; // a pointing hand over it, and a click emits fieldClicked
    };

    explicit StatusSummary(QWidget *parent = nullptr);

    void setFields(const QList<Field> &fields);
    // The whole summary, the figures joined by " · ".
    QString text() const;
    // What is drawn at the current width: text() itself, or its beginning ending in "…".
    QString shownText() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    // A clickable field was clicked; index: its place in the list given to setFields.
    void fieldClicked(qsizetype index);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    // A run of text drawn at rect: a figure (or its elided start) or a separator.
    struct Piece {
        QString text;
        QRectF rect;
        qsizetype field = -1; // its index in m_fields; -1: a separator
        bool elided = false;
    };
    QList<Piece> pieces() const;
    // The clickable field drawn at pos, or -1.
    qsizetype clickableFieldAt(const QPoint &pos) const;

    QList<Field> m_fields;
};

} // namespace dci
