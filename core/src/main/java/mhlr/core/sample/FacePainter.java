package mhlr.core.sample;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/**
 * Draws a made-up face with Java2D in the canonical frame. A head turn (yaw) is faked in 2D as on a round head: the
 * outline stays, features on the face squeeze by cos(yaw) about the centre and slide sideways by
 * {@code depth * halfWidth * sin(yaw)} (the nose, with most depth, moves most), and are clipped to the outline, so
 * at a profile turn the far eye disappears behind the cheek and the nose sticks out. {@link #landmarks} applies
 * the same mapping, so the landmarks of a turned face are exact.
 */
final class FacePainter {
    private static final double EYE_DEPTH = 0.85;
    private static final double NOSE_DEPTH = 1.2;
    private static final double MOUTH_DEPTH = 0.85;

    private FacePainter() {
    }

    /** The five landmarks of this image of the person, canonical frame (OpenCV pixel-centre convention). */
    static float[] landmarks(SampleIdentity person, SampleVariation variation) {
        float[] points = person.landmarks();
        double[] depths = {EYE_DEPTH, EYE_DEPTH, NOSE_DEPTH, MOUTH_DEPTH, MOUTH_DEPTH};
        for (int i = 0; i < 5; i++) {
            AffineTransform turn = turn(person, variation, depths[i]);
            points[2 * i] = (float) (turn.getScaleX() * points[2 * i] + turn.getTranslateX());
            points[2 * i + 1] = (float) (points[2 * i + 1] - (i >= 3 ? variation.smile() * 1.5 : 0));
        }
        return points;
    }

    /** Paints the person; {@code graphics} already maps the canonical frame to the image. */
    static void paint(Graphics2D graphics, SampleIdentity person, SampleVariation variation) {
        AffineTransform base = graphics.getTransform();
        Shape clip = graphics.getClip();
        double cx = SampleIdentity.CENTER_X;
        double cy = person.faceCenterY();
        double w = person.faceHalfWidth();
        double h = person.faceHalfHeight();
        boolean turned = Math.abs(variation.yaw()) > Math.toRadians(25);
        int nearSide = variation.yaw() > 0 ? -1 : 1;

        graphics.setColor(variation.shirt());
        graphics.fill(new Ellipse2D.Double(cx - 58, cy + h + 12, 116, 80));
        graphics.setColor(SampleIdentity.darker(person.skin(), 0.88));
        graphics.fill(new Rectangle2D.Double(cx - 12, cy + h * 0.6, 24, h * 0.4 + 22));

        graphics.setColor(person.hair());
        if (person.hairStyle() == 1) {
            graphics.fill(new Ellipse2D.Double(cx - w - 9, cy - h - 6, 2 * w + 18, 2 * h + 36));
        } else if (person.hairStyle() == 4) {
            graphics.fill(new Ellipse2D.Double(cx - w - 7, cy - h - 5, 2 * w + 14, 2 * h * 0.95));
        }
        at(graphics, base, person, variation, 0);
        for (int side = -1; side <= 1; side += 2) {
            if (!turned || side != nearSide) {
                ear(graphics, person, side, w);
            }
        }

        graphics.setTransform(base);
        Path2D face = faceOutline(cx, cy, w, h, person.jaw());
        graphics.setColor(person.skin());
        graphics.fill(face);
        graphics.clip(face);
        if (turned) {
            at(graphics, base, person, variation, 0);
            ear(graphics, person, nearSide, w);
            graphics.setTransform(base);
        }
        double dx = Math.cos(variation.lightAngle()) * w;
        double dy = Math.sin(variation.lightAngle()) * h;
        graphics.setPaint(new GradientPaint((float) (cx - dx), (float) (cy - dy), new Color(0, 0, 0, 0),
                (float) (cx + dx), (float) (cy + dy), new Color(0, 0, 0, (int) (255 * variation.lightStrength()))));
        graphics.fill(face);

        if (person.beard()) {
            at(graphics, base, person, variation, 0.5);
            graphics.setColor(withAlpha(person.hair(), 225));
            graphics.fill(beard(cx, cy, w, h, person));
        }
        at(graphics, base, person, variation, EYE_DEPTH);
        for (int side = -1; side <= 1; side += 2) {
            eye(graphics, person, cx + side * person.eyeSpread());
        }
        graphics.setColor(person.hair());
        graphics.setStroke(new BasicStroke((float) person.browThickness(), BasicStroke.CAP_ROUND,
                BasicStroke.JOIN_ROUND));
        for (int side = -1; side <= 1; side += 2) {
            brow(graphics, person, variation, side);
        }
        if (person.mole()) {
            graphics.setColor(new Color(60, 40, 30));
            graphics.fill(new Ellipse2D.Double(cx + person.moleX() - 1.2, person.moleY() - 1.2, 2.4, 2.4));
        }
        at(graphics, base, person, variation, MOUTH_DEPTH);
        mouth(graphics, person, variation);
        if (person.moustache()) {
            graphics.setColor(person.hair());
            graphics.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D moustache = new Path2D.Double();
            moustache.moveTo(cx - person.mouthHalfWidth() - 1, person.mouthY() - 2);
            moustache.quadTo(cx, person.mouthY() - 8, cx + person.mouthHalfWidth() + 1, person.mouthY() - 2);
            graphics.draw(moustache);
        }
        if (person.glasses()) {
            at(graphics, base, person, variation, 0.95);
            glasses(graphics, person, cx, w);
        }
        graphics.setClip(clip);

        at(graphics, base, person, variation, NOSE_DEPTH);
        nose(graphics, person);

        graphics.setTransform(base);
        graphics.setStroke(new BasicStroke(1f));
        hair(graphics, person, cx, cy, w, h);
        graphics.setTransform(base);
    }

    /** Selects the transform of a face feature at {@code depth} under the variation's head turn. */
    private static void at(Graphics2D graphics, AffineTransform base, SampleIdentity person,
                           SampleVariation variation, double depth) {
        graphics.setTransform(base);
        graphics.transform(turn(person, variation, depth));
        graphics.setStroke(new BasicStroke(1f));
    }

    /** {@code x -> cos(yaw) x + cx (1 - cos(yaw)) + depth halfWidth sin(yaw)}, y unchanged. */
    private static AffineTransform turn(SampleIdentity person, SampleVariation variation, double depth) {
        double c = Math.cos(variation.yaw());
        double shift = SampleIdentity.CENTER_X * (1 - c) + depth * person.faceHalfWidth() * Math.sin(variation.yaw());
        return new AffineTransform(c, 0, 0, 1, shift, 0);
    }

    private static void ear(Graphics2D graphics, SampleIdentity person, int side, double w) {
        double ear = person.earSize();
        graphics.setColor(SampleIdentity.darker(person.skin(), 0.93));
        graphics.fill(new Ellipse2D.Double(SampleIdentity.CENTER_X + side * (w - 1) - ear, person.eyeY() + 2, 2 * ear,
                3.2 * ear));
    }

    private static Path2D faceOutline(double cx, double cy, double w, double h, double jaw) {
        Path2D face = new Path2D.Double();
        face.append(new Arc2D.Double(cx - w, cy - h, 2 * w, 2 * h, 180, -180, Arc2D.OPEN), false);
        face.curveTo(cx + w, cy + 0.6 * h, cx + w * jaw * 0.6, cy + h, cx, cy + h);
        face.curveTo(cx - w * jaw * 0.6, cy + h, cx - w, cy + 0.6 * h, cx - w, cy);
        face.closePath();
        return face;
    }

    private static Path2D beard(double cx, double cy, double w, double h, SampleIdentity person) {
        Path2D beard = new Path2D.Double();
        double top = cy + 6;
        beard.moveTo(cx - w * 0.97, top);
        beard.curveTo(cx - w, cy + 0.6 * h, cx - w * person.jaw() * 0.6, cy + h + 3, cx, cy + h + 3);
        beard.curveTo(cx + w * person.jaw() * 0.6, cy + h + 3, cx + w, cy + 0.6 * h, cx + w * 0.97, top);
        beard.curveTo(cx + w * 0.7, person.mouthY() - 2, cx + person.mouthHalfWidth() + 4, person.mouthY() + 7,
                cx, person.mouthY() + 7);
        beard.curveTo(cx - person.mouthHalfWidth() - 4, person.mouthY() + 7, cx - w * 0.7, person.mouthY() - 2,
                cx - w * 0.97, top);
        beard.closePath();
        return beard;
    }

    private static void eye(Graphics2D graphics, SampleIdentity person, double x) {
        double y = person.eyeY();
        double ew = person.eyeWidth();
        double eh = person.eyeHeight();
        graphics.setColor(new Color(245, 245, 240));
        graphics.fill(new Ellipse2D.Double(x - ew / 2, y - eh / 2, ew, eh));
        double iris = eh * 0.45;
        graphics.setColor(person.iris());
        graphics.fill(new Ellipse2D.Double(x - iris, y - iris, 2 * iris, 2 * iris));
        double pupil = eh * 0.2;
        graphics.setColor(Color.BLACK);
        graphics.fill(new Ellipse2D.Double(x - pupil, y - pupil, 2 * pupil, 2 * pupil));
        graphics.setColor(SampleIdentity.darker(person.skin(), 0.55));
        graphics.setStroke(new BasicStroke(1.1f));
        graphics.draw(new Arc2D.Double(x - ew / 2, y - eh / 2, ew, eh, 0, 180, Arc2D.OPEN));
    }

    private static void brow(Graphics2D graphics, SampleIdentity person, SampleVariation variation, int side) {
        double x = SampleIdentity.CENTER_X + side * person.eyeSpread();
        double y = person.eyeY() - person.browGap() - variation.browRaise();
        double half = person.eyeWidth() * 0.7;
        double tilt = person.browTilt() * half;
        Path2D brow = new Path2D.Double();
        brow.moveTo(x - half, y + side * tilt);
        brow.quadTo(x, y - person.browArch(), x + half, y - side * tilt);
        graphics.draw(brow);
    }

    private static void nose(Graphics2D graphics, SampleIdentity person) {
        double cx = SampleIdentity.CENTER_X;
        double tip = person.noseY();
        double width = person.noseWidth();
        Color shade = SampleIdentity.darker(person.skin(), 0.8);
        graphics.setColor(withAlpha(shade, 120));
        graphics.fill(new Ellipse2D.Double(cx - width / 2, tip - 3.5, width, 5));
        graphics.setColor(shade);
        graphics.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        graphics.draw(new Line2D.Double(cx + 1, person.eyeY() + 3, cx + 1.8, tip - 2.5));
        graphics.setColor(SampleIdentity.darker(person.skin(), 0.45));
        for (int side = -1; side <= 1; side += 2) {
            graphics.fill(new Ellipse2D.Double(cx + side * width * 0.3 - 1.5, tip, 3, 1.8));
        }
    }

    private static void mouth(Graphics2D graphics, SampleIdentity person, SampleVariation variation) {
        double cx = SampleIdentity.CENTER_X;
        double y = person.mouthY();
        double half = person.mouthHalfWidth();
        double cornerY = y - variation.smile() * 1.5;
        double lip = person.lipThickness();
        double open = variation.mouthOpen() * 4;
        Path2D lips = new Path2D.Double();
        lips.moveTo(cx - half, cornerY);
        lips.quadTo(cx - half / 2, y - lip - 1, cx, y - lip * 0.7);
        lips.quadTo(cx + half / 2, y - lip - 1, cx + half, cornerY);
        lips.quadTo(cx, y + lip * 2 + variation.smile() * 2 + open, cx - half, cornerY);
        lips.closePath();
        graphics.setColor(person.lips());
        graphics.fill(lips);
        graphics.setColor(open > 0.5 ? new Color(60, 20, 25) : SampleIdentity.darker(person.lips(), 0.6));
        if (open > 0.5) {
            graphics.fill(new Ellipse2D.Double(cx - half * 0.6, y - open * 0.3, half * 1.2, open));
        } else {
            Path2D line = new Path2D.Double();
            line.moveTo(cx - half, cornerY);
            line.quadTo(cx, y + variation.smile() * 1.5, cx + half, cornerY);
            graphics.setStroke(new BasicStroke(1f));
            graphics.draw(line);
        }
    }

    private static void glasses(Graphics2D graphics, SampleIdentity person, double cx, double w) {
        graphics.setColor(person.glassesColor());
        graphics.setStroke(new BasicStroke(1.6f));
        double ew = person.eyeWidth() * 1.8;
        double eh = person.eyeHeight() * 2.6;
        for (int side = -1; side <= 1; side += 2) {
            double x = cx + side * person.eyeSpread();
            graphics.draw(new RoundRectangle2D.Double(x - ew / 2, person.eyeY() - eh / 2, ew, eh, 6, 6));
            graphics.draw(new Line2D.Double(x + side * ew / 2, person.eyeY() - eh / 4, cx + side * (w - 1),
                    person.eyeY() - eh / 3));
        }
        graphics.draw(new Line2D.Double(cx - person.eyeSpread() + ew / 2, person.eyeY() - eh / 4,
                cx + person.eyeSpread() - ew / 2, person.eyeY() - eh / 4));
    }

    private static void hair(Graphics2D graphics, SampleIdentity person, double cx, double cy, double w, double h) {
        graphics.setColor(person.hair());
        if (person.hairStyle() == 2) {
            for (int side = -1; side <= 1; side += 2) {
                graphics.fill(new Ellipse2D.Double(cx + side * w - 5, cy - h * 0.35, 10, h * 0.5));
            }
            return;
        }
        double hairline = cy - h * (person.hairStyle() == 1 || person.hairStyle() == 4 ? 0.5 : 0.55);
        Shape clip = graphics.getClip();
        graphics.clip(new Rectangle2D.Double(cx - 2 * w, cy - 2 * h, 4 * w, hairline - (cy - 2 * h)));
        graphics.fill(new Ellipse2D.Double(cx - w - 3, cy - h - 5, 2 * w + 6, 2 * h + 4));
        graphics.setClip(clip);
        if (person.hairStyle() == 3) {
            double browTop = person.eyeY() - person.browGap() - 4;
            graphics.fill(new RoundRectangle2D.Double(cx - w * 0.85, hairline - 6, 1.7 * w,
                    Math.max(6, browTop - hairline + 6), 8, 8));
        } else if (person.hairStyle() == 4) {
            graphics.setColor(SampleIdentity.darker(person.hair(), 0.6));
            graphics.setStroke(new BasicStroke(1.2f));
            graphics.draw(new Line2D.Double(cx + w * 0.35, cy - h - 3, cx + w * 0.3, hairline - 1));
        } else if (person.hairStyle() == 5) {
            Path2D spikes = new Path2D.Double();
            for (int spike = -3; spike <= 3; spike++) {
                double x = cx + spike * w / 3.5;
                spikes.moveTo(x - 5, cy - h + 4);
                spikes.lineTo(x, cy - h - 9);
                spikes.lineTo(x + 5, cy - h + 4);
                spikes.closePath();
            }
            graphics.fill(spikes);
        }
    }

    private static Color withAlpha(Color color, int alpha) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), alpha);
    }
}
