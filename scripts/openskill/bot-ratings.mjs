// The fixed ratings of the bot levels (bot_ratings, migration V30): normal is a new player's mean,
// 25, and the other levels sit where openskill's own win prediction reproduces the measured matches
// of docs/benchmarks.md ("The levels against each other"): two hard bots beat two normal ones in
// 82.1 % of games, two easy bots beat two normal ones in 36.7 %. Sigma is 1 for every level: their
// strength is known, so a human playing with or against a bot takes nearly all of the update.
//
//   node bot-ratings.mjs     prints the calibration
import { predictWin } from 'openskill'
import { fileURLToPath } from 'node:url'

const SIGMA = 1
const NORMAL = 25

/** The mu of a level whose pair beats a pair of normal bots with probability p (to 0.01). */
const calibrate = (p) => {
  let low = NORMAL - 20
  let high = NORMAL + 20
  for (let i = 0; i < 100; i += 1) {
    const mid = (low + high) / 2
    const level = { mu: mid, sigma: SIGMA }
    const normal = { mu: NORMAL, sigma: SIGMA }
    if (predictWin([[level, level], [normal, normal]])[0] < p) low = mid
    else high = mid
  }
  return Math.round(((low + high) / 2) * 100) / 100
}

export const BOTS = {
  easy: { mu: calibrate(0.367), sigma: SIGMA },
  normal: { mu: NORMAL, sigma: SIGMA },
  hard: { mu: calibrate(0.821), sigma: SIGMA },
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(BOTS))
}
