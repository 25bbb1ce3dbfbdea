import { fitCanvas } from './charts.js';

// Very coarse continent outlines [lng, lat], drawn only as a backdrop for orientation.
const LAND = [
  // North America
  [[-168, 65], [-163, 70], [-140, 70], [-120, 73], [-95, 72], [-80, 73], [-62, 66], [-55, 52], [-66, 45], [-70, 41],
    [-76, 35], [-81, 31], [-80, 25], [-83, 29], [-90, 30], [-97, 27], [-97, 22], [-92, 18], [-88, 21], [-87, 15],
    [-83, 10], [-78, 8], [-80, 7], [-85, 10], [-92, 15], [-105, 20], [-110, 24], [-115, 30], [-118, 34], [-124, 40],
    [-124, 48], [-130, 55], [-140, 60], [-152, 58], [-165, 55], [-158, 60], [-168, 65]],
  // Greenland
  [[-73, 78], [-60, 82], [-30, 83], [-20, 75], [-22, 70], [-40, 65], [-45, 60], [-52, 64], [-58, 72], [-73, 78]],
  // South America
  [[-80, 9], [-75, 11], [-62, 10], [-52, 5], [-50, 0], [-35, -5], [-38, -13], [-40, -22], [-48, -26], [-53, -34],
    [-58, -38], [-65, -41], [-66, -47], [-69, -52], [-74, -53], [-73, -45], [-72, -30], [-71, -18], [-76, -14],
    [-81, -6], [-80, 0], [-78, 3], [-80, 9]],
  // Eurasia
  [[-10, 36], [-9, 43], [-1, 46], [-4, 48], [2, 51], [8, 54], [10, 58], [5, 59], [5, 62], [14, 68], [24, 71], [40, 68],
    [44, 68], [60, 69], [70, 73], [80, 73], [100, 78], [112, 74], [130, 71], [140, 72], [160, 70], [180, 69], [180, 65],
    [170, 60], [163, 57], [156, 51], [156, 58], [142, 59], [135, 55], [140, 48], [133, 43], [129, 41], [126, 37],
    [126, 35], [121, 40], [122, 31], [120, 26], [110, 21], [106, 18], [109, 12], [105, 9], [103, 10], [100, 13],
    [100, 7], [103, 2], [98, 8], [97, 17], [94, 17], [92, 22], [87, 22], [80, 15], [77, 8], [73, 16], [72, 21],
    [67, 25], [58, 25], [56, 27], [50, 30], [48, 30], [52, 24], [56, 25], [59, 22], [52, 16], [44, 13], [43, 15],
    [39, 21], [35, 28], [33, 31], [35, 36], [28, 37], [26, 40], [29, 41], [41, 41], [36, 45], [30, 45], [28, 41],
    [23, 40], [22, 37], [20, 40], [13, 46], [12, 44], [18, 40], [16, 38], [8, 44], [3, 43], [-1, 37], [-5, 36],
    [-10, 36]],
  // Africa
  [[-17, 21], [-17, 15], [-12, 8], [-8, 4], [-2, 5], [5, 4], [9, 4], [9, -1], [12, -6], [14, -13], [12, -18], [15, -27],
    [18, -34], [22, -34], [27, -33], [33, -26], [35, -22], [40, -15], [40, -10], [39, -4], [43, 0], [51, 11], [43, 12],
    [38, 18], [32, 30], [25, 32], [20, 31], [10, 34], [10, 37], [0, 36], [-6, 36], [-10, 31], [-14, 27], [-17, 21]],
  // Great Britain, Madagascar, Japan, Indonesia (roughly), Australia, New Zealand
  [[-5, 50], [1, 51], [0, 53], [-2, 56], [-5, 58], [-6, 56], [-3, 54], [-5, 52], [-5, 50]],
  [[44, -25], [47, -25], [50, -15], [49, -12], [44, -16], [44, -25]],
  [[130, 31], [135, 34], [140, 35], [142, 40], [141, 45], [139, 41], [136, 37], [131, 34], [130, 31]],
  [[95, 5], [104, -6], [106, -6], [100, 0], [95, 5]],
  [[109, 1], [118, 6], [119, 1], [116, -4], [110, -3], [109, 1]],
  [[131, -1], [141, -3], [150, -10], [141, -9], [134, -4], [131, -1]],
  [[114, -22], [114, -34], [118, -35], [123, -34], [131, -31], [135, -35], [138, -35], [141, -38], [147, -38],
    [150, -37], [153, -29], [153, -25], [146, -19], [142, -11], [136, -12], [135, -15], [130, -12], [126, -14],
    [122, -17], [114, -22]],
  [[172, -34], [178, -38], [174, -42], [167, -46], [172, -41], [172, -34]],
  // Antarctica
  [[-180, -72], [-120, -74], [-60, -64], [-40, -78], [0, -70], [60, -67], [120, -66], [180, -72], [180, -90], [-180, -90],
    [-180, -72]],
];

const COLORS = { c2: [56, 225, 176], c3: [91, 157, 255], c4: [255, 180, 84], c5: [255, 93, 115] };
const FADE_MS = 12000;
const MAX_POINTS = 4000;

/** An equirectangular scatter of where visits come from; points fade out over a few seconds. */
export class WorldMap {
  constructor(canvas) {
    this.canvas = canvas;
    this.points = [];
    this.next = 0;
    this.base = null;
    this.baseKey = '';
    this.unknown = 0;
    this.drawn = 0;
    window.addEventListener('resize', () => { this.base = null; });
    const loop = (t) => {
      if (!this.lastDraw || t - this.lastDraw > 80) {
        this.lastDraw = t;
        this.draw();
      }
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  add(event, cls) {
    const lat = Number(event.lat), lng = Number(event.lng);
    if ((lat === -1 && lng === -1) || !Number.isFinite(lat) || !Number.isFinite(lng)
        || lat < -90 || lat > 90 || lng < -180 || lng > 180) {
      this.unknown++;
      return false;
    }
    const p = { lat, lng, at: performance.now(), rgb: COLORS[cls] || COLORS.c5 };
    if (this.points.length < MAX_POINTS) this.points.push(p);
    else { this.points[this.next] = p; this.next = (this.next + 1) % MAX_POINTS; }
    return true;
  }

  backdrop(width, height) {
    const key = width + 'x' + height;
    if (this.base && this.baseKey === key) return this.base;
    const dpr = window.devicePixelRatio || 1;
    const c = document.createElement('canvas');
    c.width = Math.round(width * dpr);
    c.height = Math.round(height * dpr);
    const ctx = c.getContext('2d');
    ctx.scale(dpr, dpr);
    const x = (lng) => ((lng + 180) / 360) * width;
    const y = (lat) => ((90 - lat) / 180) * height;
    const sea = ctx.createLinearGradient(0, 0, 0, height);
    sea.addColorStop(0, '#0b1326');
    sea.addColorStop(1, '#0a1020');
    ctx.fillStyle = sea;
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#17233f';
    ctx.strokeStyle = '#24345a';
    ctx.lineWidth = 1;
    for (const shape of LAND) {
      ctx.beginPath();
      shape.forEach(([lng, lat], i) => (i ? ctx.lineTo(x(lng), y(lat)) : ctx.moveTo(x(lng), y(lat))));
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
    }
    ctx.font = '10px ' + getComputedStyle(document.documentElement).getPropertyValue('--mono');
    ctx.fillStyle = '#3d4d75';
    for (let lng = -180; lng <= 180; lng += 30) {
      ctx.strokeStyle = lng === 0 ? 'rgba(120, 150, 220, 0.28)' : 'rgba(120, 150, 220, 0.12)';
      ctx.beginPath();
      ctx.moveTo(Math.round(x(lng)) + 0.5, 0);
      ctx.lineTo(Math.round(x(lng)) + 0.5, height);
      ctx.stroke();
      if (lng > -180 && lng < 180) ctx.fillText(`${lng}°`, x(lng) + 3, height - 5);
    }
    for (let lat = -60; lat <= 60; lat += 30) {
      ctx.strokeStyle = lat === 0 ? 'rgba(120, 150, 220, 0.28)' : 'rgba(120, 150, 220, 0.12)';
      ctx.beginPath();
      ctx.moveTo(0, Math.round(y(lat)) + 0.5);
      ctx.lineTo(width, Math.round(y(lat)) + 0.5);
      ctx.stroke();
      ctx.fillText(`${lat}°`, 4, y(lat) - 4);
    }
    this.base = c;
    this.baseKey = key;
    return c;
  }

  draw() {
    const { ctx, width, height } = fitCanvas(this.canvas);
    ctx.drawImage(this.backdrop(width, height), 0, 0, width, height);
    const now = performance.now();
    let drawn = 0;
    ctx.globalCompositeOperation = 'lighter';
    for (const p of this.points) {
      const age = now - p.at;
      if (age > FADE_MS) continue;
      const a = 1 - age / FADE_MS;
      const px = ((p.lng + 180) / 360) * width;
      const py = ((90 - p.lat) / 180) * height;
      const [r, g, b] = p.rgb;
      ctx.fillStyle = `rgba(${r}, ${g}, ${b}, ${(0.18 * a).toFixed(3)})`;
      ctx.beginPath();
      ctx.arc(px, py, 2 + 5 * a, 0, Math.PI * 2);
      ctx.fill();
      ctx.fillStyle = `rgba(${r}, ${g}, ${b}, ${(0.9 * a).toFixed(3)})`;
      ctx.fillRect(px - 1, py - 1, 2, 2);
      drawn++;
    }
    ctx.globalCompositeOperation = 'source-over';
    this.drawn = drawn;
    this.canvas.dataset.points = String(drawn);
  }
}
