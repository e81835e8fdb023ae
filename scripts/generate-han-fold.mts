/**
 * Prints the SQL of fold_han(), generated from OpenCC's character tables.
 * The migration that defines it was written with this script; a unit test
 * checks the migration still matches it, so the table is never hand-edited.
 *
 *   npx tsx scripts/generate-han-fold.mts
 */
import { foldHanFunctionSql } from "./lib/han-fold.mts";

console.log(foldHanFunctionSql());
