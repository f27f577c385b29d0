// fmin ships no types; we declare only the two optimizers the CLV fitters use.
declare module "fmin" {
  /** A point in parameter space; fmin tags simplex vertices with their objective value. */
  type Point = number[] & { fx?: number };

  interface NelderMeadParameters {
    maxIterations?: number;
    /** fmin reads this as both the objective and the simplex-size tolerance (upstream quirk). */
    minErrorDelta?: number;
    nonZeroDelta?: number;
    zeroDelta?: number;
    history?: unknown[];
  }

  interface Minimum {
    x: number[];
    fx: number;
  }

  export function nelderMead(f: (x: number[]) => number, x0: number[], parameters?: NelderMeadParameters): Minimum & { x: Point };

  export function conjugateGradient(
    f: (x: number[], gradientOut: number[]) => number,
    initial: number[],
    parameters?: { maxIterations?: number; history?: unknown[] },
  ): Minimum & { fxprime: number[] };
}
