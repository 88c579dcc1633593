#pragma once

#include <QGraphicsView>
#include <QPoint>
#include <QString>

namespace dci {

class CanvasScene;

// The canvas widget: a map-like view of a CanvasScene on a light background with a
// faint latitude/longitude graticule and a scale bar. Wheel zooms around the cursor,
// dragging the background pans. Until the user zooms or pans, the view keeps the whole
// drawing fitted when the window is resized.
class CanvasView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit CanvasView(CanvasScene *scene, QWidget *parent = nullptr);

    CanvasScene *canvasScene() const { return m_scene; }

    // Pixels per scene unit.
    double zoom() const { return transform().m11(); }

    // Text shown in the middle of an empty canvas.
    void setHintText(const QString &text);
    QString hintText() const { return m_hint; }

    // Zoom range: from the whole world in a few hundred pixels down to street level.
    static constexpr double kMinZoom = 0.05;
    static constexpr double kMaxZoom = 5000.0;

public slots:
    // Zooms and centres so every site and label shows, with a margin.
    void fitToScene();
    void zoomIn();
    void zoomOut();
    // Zooms by a factor keeping the scene point under viewportPos where it is.
    void zoomBy(double factor, const QPointF &viewportPos);

signals:
    void zoomChanged(double pxPerUnit);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    void applyZoom(double pxPerUnit);
    double graticuleStep() const;
    void drawGraticuleLabels(QPainter *painter);
    void drawScaleBar(QPainter *painter);

    CanvasScene *m_scene = nullptr; // not owned
    QString m_hint;
    bool m_autoFit = true;
    bool m_panning = false;
    QPoint m_panLast;
};

} // namespace dci
