// Draws and animates what the page computes: the surface's contours (once per surface), the runs' paths up to the
// current step, and the loss chart. The Blazor side calls attach, setSurface, setRuns and setUrl; tests read
// explorer.paths(), explorer.levels(), explorer.stats() and explorer.measureFps(ms).
window.explorer = (() => {
    const margin = { left: 58, right: 14, top: 30, bottom: 46 };
    const s = {
        surface: null, runs: [], steps: 0, position: 0, playing: false, speed: 30, carry: 0, last: 0,
        background: null, dotnet: null, readyAt: null, attachedAt: null, computeMs: [], frames: 0, drawn: 0, drawMs: 0,
    };

    function area(canvas) {
        return { x: margin.left, y: margin.top, w: canvas.width - margin.left - margin.right, h: canvas.height - margin.top - margin.bottom };
    }

    function toPixel(a, x, y) {
        const sf = s.surface;
        return [a.x + (x - sf.xRange[0]) / (sf.xRange[1] - sf.xRange[0]) * a.w,
                a.y + a.h - (y - sf.yRange[0]) / (sf.yRange[1] - sf.yRange[0]) * a.h];
    }

    function toData(a, px, py) {
        const sf = s.surface;
        return [sf.xRange[0] + (px - a.x) / a.w * (sf.xRange[1] - sf.xRange[0]),
                sf.yRange[0] + (a.y + a.h - py) / a.h * (sf.yRange[1] - sf.yRange[0])];
    }

    function ticks(min, max, count) {
        const raw = (max - min) / count, mag = Math.pow(10, Math.floor(Math.log10(raw)));
        const step = [1, 2, 5, 10].map(m => m * mag).find(v => v >= raw);
        const out = [];
        for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
        return out;
    }

    function label(v) { return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(0) : String(+v.toPrecision(6)); }

    function renderBackground(canvas) {
        const sf = s.surface, a = area(canvas);
        const off = document.createElement('canvas');
        off.width = canvas.width; off.height = canvas.height;
        const g = off.getContext('2d');
        g.fillStyle = '#fff'; g.fillRect(0, 0, off.width, off.height);
        // The shade: row 0 of the grid is the lowest y, drawn at the bottom.
        const n = sf.resolution, img = new ImageData(n, n), shade = sf.shade;
        for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
                const t = shade[i * n + j] / 255, k = ((n - 1 - i) * n + j) * 4;
                img.data[k] = 38 + t * 214; img.data[k + 1] = 76 + t * 174; img.data[k + 2] = 140 + t * 102; img.data[k + 3] = 255;
            }
        }
        const tile = document.createElement('canvas');
        tile.width = n; tile.height = n; tile.getContext('2d').putImageData(img, 0, 0);
        g.imageSmoothingEnabled = true;
        g.drawImage(tile, a.x, a.y, a.w, a.h);
        g.save();
        g.beginPath(); g.rect(a.x, a.y, a.w, a.h); g.clip();
        g.strokeStyle = 'rgba(255,255,255,0.75)'; g.lineWidth = 1;
        g.beginPath();
        const line = sf.lines;
        for (let k = 0; k + 3 < line.length; k += 4) {
            const [x1, y1] = toPixel(a, line[k], line[k + 1]), [x2, y2] = toPixel(a, line[k + 2], line[k + 3]);
            g.moveTo(x1, y1); g.lineTo(x2, y2);
        }
        g.stroke();
        g.fillStyle = '#ffd400'; g.strokeStyle = '#222';
        for (const m of sf.minima) { const [x, y] = toPixel(a, m[0], m[1]); star(g, x, y, 8); }
        if (sf.saddle) {
            const [x, y] = toPixel(a, sf.saddle[0], sf.saddle[1]);
            g.lineWidth = 2; g.beginPath(); g.moveTo(x - 6, y - 6); g.lineTo(x + 6, y + 6); g.moveTo(x + 6, y - 6); g.lineTo(x - 6, y + 6); g.stroke();
        }
        g.restore();
        axes(g, a, sf.xRange, sf.yRange, sf.xLabel, sf.yLabel, sf.title, false);
        s.background = off;
    }

    function star(g, x, y, r) {
        g.beginPath();
        for (let k = 0; k < 10; k++) {
            const rr = k % 2 ? r * 0.45 : r, t = -Math.PI / 2 + k * Math.PI / 5;
            g.lineTo(x + rr * Math.cos(t), y + rr * Math.sin(t));
        }
        g.closePath(); g.fill(); g.lineWidth = 1; g.stroke();
    }

    function axes(g, a, xr, yr, xl, yl, title, logY) {
        g.strokeStyle = '#444'; g.fillStyle = '#222'; g.lineWidth = 1; g.font = '12px system-ui, sans-serif';
        g.strokeRect(a.x, a.y, a.w, a.h);
        g.textAlign = 'center'; g.textBaseline = 'top';
        for (const v of ticks(xr[0], xr[1], 6)) {
            const x = a.x + (v - xr[0]) / (xr[1] - xr[0]) * a.w;
            g.beginPath(); g.moveTo(x, a.y + a.h); g.lineTo(x, a.y + a.h + 4); g.stroke(); g.fillText(label(v), x, a.y + a.h + 6);
        }
        g.textAlign = 'right'; g.textBaseline = 'middle';
        const yt = logY ? ticks(yr[0], yr[1], 4).filter(v => Number.isInteger(v)) : ticks(yr[0], yr[1], 6);
        for (const v of yt) {
            const y = a.y + a.h - (v - yr[0]) / (yr[1] - yr[0]) * a.h;
            g.beginPath(); g.moveTo(a.x - 4, y); g.lineTo(a.x, y); g.stroke(); g.fillText(logY ? label(Math.pow(10, v)) : label(v), a.x - 6, y);
        }
        g.textAlign = 'center'; g.textBaseline = 'alphabetic';
        g.fillText(xl, a.x + a.w / 2, a.y + a.h + 36);
        g.font = 'bold 13px system-ui, sans-serif'; g.fillText(title, a.x + a.w / 2, a.y - 10);
        g.save(); g.translate(14, a.y + a.h / 2); g.rotate(-Math.PI / 2); g.font = '12px system-ui, sans-serif'; g.fillText(yl, 0, 0); g.restore();
    }

    function drawPlot() {
        const canvas = document.getElementById('plot');
        if (!canvas || !s.surface) return;
        if (!s.background) renderBackground(canvas);
        const g = canvas.getContext('2d'), a = area(canvas);
        g.drawImage(s.background, 0, 0);
        g.save(); g.beginPath(); g.rect(a.x, a.y, a.w, a.h); g.clip();
        for (const run of s.runs) {
            const n = Math.min(s.position + 1, run.points.length);
            if (n === 0) continue;
            g.lineJoin = 'round';
            for (const [width, colour] of [[4, 'rgba(255,255,255,0.8)'], [2, run.color]]) {
                g.strokeStyle = colour; g.lineWidth = width; g.beginPath();
                for (let k = 0; k < n; k++) { const [x, y] = toPixel(a, run.points[k][0], run.points[k][1]); k ? g.lineTo(x, y) : g.moveTo(x, y); }
                g.stroke();
            }
            const [hx, hy] = toPixel(a, run.points[n - 1][0], run.points[n - 1][1]);
            g.fillStyle = run.color; g.strokeStyle = '#fff'; g.lineWidth = 1.5;
            g.beginPath(); g.arc(hx, hy, 4.5, 0, 2 * Math.PI); g.fill(); g.stroke();
        }
        g.restore();
    }

    function drawLoss() {
        const canvas = document.getElementById('loss-chart');
        if (!canvas) return;
        const g = canvas.getContext('2d'), a = { x: margin.left, y: 24, w: canvas.width - margin.left - margin.right, h: canvas.height - 24 - 40 };
        g.fillStyle = '#fff'; g.fillRect(0, 0, canvas.width, canvas.height);
        const all = s.runs.flatMap(r => r.losses.filter(v => v !== null));
        if (all.length === 0) return;
        const logY = all.every(v => v > 0);
        const f = v => logY ? Math.log10(v) : v;
        let lo = Math.min(...all.map(f)), hi = Math.max(...all.map(f));
        if (hi - lo < 1e-12) { lo -= 1; hi += 1; }
        const steps = Math.max(s.steps, 1);
        g.save(); g.beginPath(); g.rect(a.x, a.y, a.w, a.h); g.clip();
        for (const run of s.runs) {
            g.strokeStyle = run.color; g.lineWidth = 2; g.beginPath();
            const n = Math.min(s.position + 1, run.losses.length);
            let started = false;
            for (let k = 0; k < n; k++) {
                const v = run.losses[k];
                if (v === null) { started = false; continue; }
                const x = a.x + k / steps * a.w, y = a.y + a.h - (f(v) - lo) / (hi - lo) * a.h;
                started ? g.lineTo(x, y) : g.moveTo(x, y); started = true;
            }
            g.stroke();
        }
        const px = a.x + s.position / steps * a.w;
        g.strokeStyle = 'rgba(0,0,0,0.35)'; g.beginPath(); g.moveTo(px, a.y); g.lineTo(px, a.y + a.h); g.stroke();
        g.restore();
        axes(g, a, [0, steps], [lo, hi], 'step', logY ? 'loss (log)' : 'loss', 'Loss against step', logY);
    }

    function draw() {
        const t0 = performance.now();
        drawPlot(); drawLoss();
        s.drawMs += performance.now() - t0; s.drawn++;
        const pos = document.getElementById('position'), out = document.getElementById('position-value');
        if (pos) { pos.max = s.steps; pos.value = s.position; }
        if (out) out.textContent = s.position;
        const play = document.getElementById('play');
        if (play) play.textContent = s.playing ? 'Pause' : 'Play';
    }

    function frame(t) {
        s.frames++;
        if (s.playing) {
            s.carry += Math.min(t - s.last, 250) / 1000 * s.speed;
            const advance = Math.floor(s.carry);
            if (advance > 0) {
                s.carry -= advance;
                s.position = Math.min(s.position + advance, s.steps);
                if (s.position >= s.steps) s.playing = false;
            }
            draw();
        }
        s.last = t;
        requestAnimationFrame(frame);
    }

    function onClick(e) {
        const id = e.target && e.target.id;
        if (id === 'play') {
            if (!s.playing && s.position >= s.steps) s.position = 0;
            s.playing = !s.playing; s.carry = 0; draw();
        } else if (id === 'step') {
            s.playing = false; s.position = Math.min(s.position + 1, s.steps); draw();
        } else if (id === 'rewind') {
            s.playing = false; s.position = 0; draw();
        } else if (id === 'plot' && s.surface && s.dotnet) {
            const r = e.target.getBoundingClientRect(), a = area(e.target);
            const px = (e.clientX - r.left) * e.target.width / r.width, py = (e.clientY - r.top) * e.target.height / r.height;
            if (px < a.x || px > a.x + a.w || py < a.y || py > a.y + a.h) return;
            const [x, y] = toData(a, px, py);
            s.dotnet.invokeMethodAsync('SetStart', x, y);
        }
    }

    function onInput(e) {
        const id = e.target && e.target.id;
        if (id === 'position') { s.playing = false; s.position = Math.min(+e.target.value, s.steps); draw(); }
        else if (id === 'speed') { s.speed = +e.target.value; }
    }

    document.addEventListener('click', onClick);
    document.addEventListener('input', onInput);
    document.addEventListener('change', onInput);
    requestAnimationFrame(t => { s.last = t; frame(t); });

    return {
        attach(dotnet) { s.dotnet = dotnet; s.attachedAt = performance.now(); },
        setSurface(json, lines, shade) {
            const surface = JSON.parse(json);
            // Views of .NET's memory, valid during this call only: copied.
            surface.lines = new Float32Array(lines.slice().buffer); surface.shade = shade.slice();
            s.surface = surface; s.background = null;
            const plot = document.getElementById('plot');
            if (plot) plot.dataset.levels = JSON.stringify(surface.levels);
        },
        setRuns(json, steps, computeMs, surfaceMs) {
            s.surfaceMs = s.surfaceMs ?? surfaceMs;
            const runs = JSON.parse(json);
            s.runs = runs; s.steps = steps; s.computeMs.push(computeMs);
            if (!s.playing) s.position = steps;
            const plot = document.getElementById('plot');
            if (plot) plot.dataset.paths = JSON.stringify(runs.map(r => r.points));
            draw();
            if (s.readyAt === null) { s.readyAt = performance.now(); document.body.dataset.ready = 'true'; }
            document.body.dataset.version = String((+(document.body.dataset.version || 0)) + 1);
        },
        setUrl(url) { history.replaceState(null, '', url); },
        paths() { return s.runs.map(r => r.points); },
        losses() { return s.runs.map(r => r.losses); },
        levels() { return s.surface ? s.surface.levels : null; },
        stats() { return { startedAt: window.explorer.startedAt || null, readyAt: s.readyAt, attachedAt: s.attachedAt, surfaceMs: s.surfaceMs, computeMs: s.computeMs, frames: s.frames, drawn: s.drawn, drawMs: s.drawMs, position: s.position, steps: s.steps, playing: s.playing, runs: s.runs.length }; },
        // Plays from the start and reports the frame rate that requestAnimationFrame delivered while the paths were drawn.
        measureFps(ms) {
            return new Promise(resolve => {
                s.position = 0; s.playing = true; s.carry = 0;
                const drawn0 = s.drawn, drawMs0 = s.drawMs, times = [];
                const tick = t => {
                    times.push(t);
                    if (t - times[0] < ms && s.playing) { requestAnimationFrame(tick); return; }
                    const seconds = (times[times.length - 1] - times[0]) / 1000, frames = s.drawn - drawn0;
                    const gaps = times.slice(1).map((v, k) => v - times[k]);
                    resolve({ fps: (times.length - 1) / seconds, framesDrawn: frames, meanDrawMs: (s.drawMs - drawMs0) / Math.max(frames, 1), maxGapMs: Math.max(...gaps), seconds });
                };
                requestAnimationFrame(tick);
            });
        },
    };
})();
