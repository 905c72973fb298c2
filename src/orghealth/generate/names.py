"""Made-up names for people and customer accounts."""

from __future__ import annotations

import numpy as np

FIRST = """Anna Ben Carla David Elena Felix Greta Hannah Ivan Julia Karl Lena Marco Nina Oskar Paula
Quentin Rosa Stefan Tanja Uwe Vera Walter Xenia Yusuf Zoe Adam Bianca Clara Daniel Emil Frida Georg
Helena Ines Jonas Katrin Lars Mila Niklas Olga Peter Rita Simon Theresa Ulla Viktor Wiebke Amir
Birgit Cem Dana Erik Fatima Hugo Ida Jan Kira Leon Maja Noah Pia Rafael Sara Tim Valentina Yara
Alex Berit Chris Dilara Eva Finn Gina Henrik Isabel Jakob Klara Lukas Marta Nils Petra Ronja Sven
Tobias Ute Vincent Wanda Aylin Bruno Celine Dominik Esra Florian Hanna Igor Jana Kai Lisa Moritz
Nora Ole Philipp Rebecca Sophie Till Ulrike Yannick Alina Bastian Chiara Dennis Elif Fabian Gustav
Heike Ilja Jasmin Konstantin Luisa Max Nadine Otto Pauline Robin Selin Thomas Vanessa Anton Britta
Carsten Doris Emre Frank Gabriel Hilde Jule Kevin Lara Malte Nele Patrick Ruth Sebastian Tara""".split()

LAST = """Albrecht Bauer Conrad Dietrich Engel Fischer Graf Hartmann Illner Jansen Keller Lorenz Meyer
Neumann Otten Peters Quast Richter Schmidt Thiel Ulrich Vogel Wagner Xander Yilmaz Zimmer Arnold
Becker Claussen Dorn Ebert Franke Gross Horn Imhof Jung Kraus Lange Maier Nowak Ohm Pohl Rausch
Sauer Timm Unger Voss Weber Ziegler Adler Brandt Busch Christ Decker Eggers Frey Gerber Haas Iske
Jahn Kuhn Lindner Marx Nagel Oswald Pfeiffer Reuter Stein Tews Uhl Vetter Winter Zeller Ahrens
Berg Cordes Dreyer Ernst Fuchs Geiger Hahn Ivers Janssen Kern Ludwig Moser Noack Opitz Popp Roth
Seidel Thomsen Urban Vollmer Wolff Zander Aydin Bock Cramer Dahl Eckert Falk Gruber Heinz Jacobs
Kaiser Lehmann Mertens Nolte Ortmann Preuss Rieger Schulz Trautmann Uhlig Vos Wirth Kaya Sommer
Petersen Hoffmann Martens Schubert Kessler Baumann Lang Roemer Walther Sander Brenner Forster""".split()

ACCOUNT_A = """Brightwater Northgate Silverline Bluepeak Redwood Ironbridge Greenfield Oakridge Stonehill
Clearview Westbrook Eastwind Harbor Summit Riverside Kestrel Falcon Meridian Crescent Pinecrest Granite
Lakeshore Sunridge Copperleaf Highmoor Fairhaven Evergreen Blackstone Whitecliff Goldcrest""".split()
ACCOUNT_B = """Logistics Retail Pharma Energy Foods Insurance Manufacturing Freight Telecom Health Media
Textiles Chemicals Automotive Finance Utilities Travel Hotels Publishing Robotics""".split()
ACCOUNT_C = ["GmbH", "AG", "SE", "Ltd", "BV", "KG", "Group", "AB"]


def person_names(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """n distinct (first, last) pairs; a middle initial keeps them distinct beyond the pool."""
    pool = len(FIRST) * len(LAST)
    rounds_needed = -(-n // pool)
    picks = np.concatenate([rng.permutation(pool) for _ in range(rounds_needed)])[:n]
    first = np.array(FIRST, dtype=object)[picks % len(FIRST)]
    last = np.array(LAST, dtype=object)[picks // len(FIRST)]
    if n > pool:
        rounds = np.arange(n) // pool
        initials = np.array([""] + [f" {c}." for c in "ABCDEFGHJKLMNPRSTVW"] * 40, dtype=object)
        first = first + initials[rounds]
    return first, last


def account_names(rng: np.random.Generator, n: int) -> list[str]:
    combos = [(a, b) for a in ACCOUNT_A for b in ACCOUNT_B]
    order = rng.permutation(len(combos))
    names = []
    for i in range(n):
        a, b = combos[order[i % len(combos)]]
        suffix = ACCOUNT_C[(order[i % len(combos)] + i // len(combos)) % len(ACCOUNT_C)]
        extra = f" {i // len(combos) + 1}" if i >= len(combos) else ""
        names.append(f"{a} {b}{extra} {suffix}")
    return names
