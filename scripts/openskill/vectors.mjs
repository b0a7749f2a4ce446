// Writes src/test/resources/openskill/vectors.json: ratings computed by the openskill package (the
// reference implementation of Weng-Lin, default model Plackett-Luce with its default options), for
// the server's Java implementation to be checked against (hokm.rating.OpenSkillVectorsTest).
//
//   cd scripts/openskill && npm ci && npm run vectors
//
// Everything is drawn from a seeded generator, so running it again writes the same file.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rate, rating } from 'openskill'
import { BOTS } from './bot-ratings.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const output = join(here, '../../src/test/resources/openskill/vectors.json')
const openskillVersion = JSON.parse(
  readFileSync(join(here, 'node_modules/openskill/package.json'), 'utf8'),
).version

// mulberry32: small, seeded, the same on every machine.
const random = (() => {
  let state = 0x5eed2024
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
})()
const pick = (list) => list[Math.floor(random() * list.length)]
const shuffled = (list) => {
  const copy = [...list]
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j], copy[i]]
  }
  return copy
}

// A pool of players, each with a hidden strength that decides who tends to win, so that ratings
// drift apart as they would on a server.
const POOL = 14
const players = Array.from({ length: POOL }, (_, i) => ({
  id: `p${i + 1}`,
  strength: 15 + random() * 20,
  rating: rating(),
}))
const bots = Object.entries(BOTS).map(([level, fixed]) => ({
  id: `bot:${level}`,
  strength: fixed.mu,
  rating: { mu: fixed.mu, sigma: fixed.sigma },
  bot: true,
}))

const seat = (who) => ({ id: who.id, mu: who.rating.mu, sigma: who.rating.sigma })

// Hokm games: two teams of two, in seat order (team 1 first), the winner ranked 1. A bot level plays
// as a fixed player: its rating goes in, what comes out for it is thrown away.
const GAMES = 240
const games = []
for (let g = 0; g < GAMES; g += 1) {
  const humans = shuffled(players)
  const kind = random()
  let four
  if (kind < 0.6) {
    four = humans.slice(0, 4)
  } else if (kind < 0.75) {
    four = [...humans.slice(0, 3), pick(bots)]
  } else if (kind < 0.9) {
    const level = pick(bots)
    four = shuffled([humans[0], humans[1], level, level])
  } else {
    const level = pick(bots)
    four = [humans[0], level, humans[1], level]
  }
  four = shuffled(four)
  const teams = [
    [four[0], four[2]],
    [four[1], four[3]],
  ]
  const strength = (team) => team.reduce((s, p) => s + p.strength, 0)
  const p1 = 1 / (1 + Math.exp(-(strength(teams[0]) - strength(teams[1])) / 6))
  const winner = random() < p1 ? 0 : 1
  const rank = winner === 0 ? [1, 2] : [2, 1]
  const before = teams.map((team) => team.map(seat))
  const after = rate(
    teams.map((team) => team.map((p) => p.rating)),
    { rank },
  )
  teams.forEach((team, t) =>
    team.forEach((p, i) => {
      if (!p.bot) p.rating = { mu: after[t][i].mu, sigma: after[t][i].sigma }
    }),
  )
  games.push({
    teams: before,
    rank,
    result: after.map((team) => team.map(({ mu, sigma }) => ({ mu, sigma }))),
  })
}

// The model in general: up to four teams of one to three players, ties among them, and ratings
// far from the defaults, so nothing above is right only for two teams of two.
const cases = []
for (let c = 0; c < 60; c += 1) {
  const teamCount = 2 + Math.floor(random() * 3)
  const teams = Array.from({ length: teamCount }, () =>
    Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
      mu: 5 + random() * 40,
      sigma: 0.5 + random() * 8,
    })),
  )
  const rank = teams.map(() => 1 + Math.floor(random() * teamCount))
  const after = rate(teams, { rank })
  cases.push({
    teams,
    rank,
    result: after.map((team) => team.map(({ mu, sigma }) => ({ mu, sigma }))),
  })
}

// One game or case a line: small enough to commit, and a change shows as the lines it touches.
const lines = (list) => list.map((item) => '  ' + JSON.stringify(item)).join(',\n')
const header = {
  generator: 'scripts/openskill/vectors.mjs',
  openskill: openskillVersion,
  model: 'PlackettLuce',
  options: 'the package defaults: mu 25, sigma 25/3, beta 25/6, kappa 0.0001, tau 25/300',
  bots: BOTS,
}
mkdirSync(dirname(output), { recursive: true })
writeFileSync(
  output,
  JSON.stringify(header).slice(0, -1) +
    ',\n "games": [\n' +
    lines(games) +
    '\n ],\n "cases": [\n' +
    lines(cases) +
    '\n ]\n}\n',
)
console.log(`wrote ${games.length} games and ${cases.length} cases to ${output} (openskill ${openskillVersion})`)
