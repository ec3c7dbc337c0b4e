"""PTV's map positions: ETRS-TM35FIN (EPSG:3067) northing and easting to WGS84 degrees, without a GIS library."""
from __future__ import annotations

import math

# GRS80, the ellipsoid of ETRS89; ETRS89 and WGS84 agree to well under a metre, which is all a map link needs.
_A = 6378137.0
_F = 1 / 298.257222101
_K0 = 0.9996
_LON0 = math.radians(27.0)
_E0 = 500000.0

_N = _F / (2 - _F)
_A1 = _A / (1 + _N) * (1 + _N**2 / 4 + _N**4 / 64)
_E = math.sqrt(2 * _F - _F**2)
# Krüger's series for the inverse projection, as in JHS 154 (the Finnish public-sector recommendation)
_H = (
    _N / 2 - 2 / 3 * _N**2 + 37 / 96 * _N**3 - _N**4 / 360,
    _N**2 / 48 + _N**3 / 15 - 437 / 1440 * _N**4,
    17 / 480 * _N**3 - 37 / 840 * _N**4,
    4397 / 161280 * _N**4,
)
# the forward series, used to write test fixtures and to check the inverse
_H_FORWARD = (
    _N / 2 - 2 / 3 * _N**2 + 5 / 16 * _N**3 + 41 / 180 * _N**4,
    13 / 48 * _N**2 - 3 / 5 * _N**3 + 557 / 1440 * _N**4,
    61 / 240 * _N**3 - 103 / 140 * _N**4,
    49561 / 161280 * _N**4,
)


def tm35fin_to_wgs84(northing: float, easting: float) -> tuple[float, float]:
    """Latitude and longitude in decimal degrees of an ETRS-TM35FIN point (metres north, metres east)."""
    xi = northing / (_A1 * _K0)
    eta = (easting - _E0) / (_A1 * _K0)
    xi_p, eta_p = xi, eta
    for j, h in enumerate(_H, start=1):
        xi_p -= h * math.sin(2 * j * xi) * math.cosh(2 * j * eta)
        eta_p -= h * math.cos(2 * j * xi) * math.sinh(2 * j * eta)
    beta = math.asin(math.sin(xi_p) / math.cosh(eta_p))
    longitude = math.asin(math.tanh(eta_p) / math.cos(beta))
    q = math.asinh(math.tan(beta))
    q_p = q + _E * math.atanh(_E * math.tanh(q))
    for _ in range(10):  # converges to below 1e-12 in three or four rounds
        q_p = q + _E * math.atanh(_E * math.tanh(q_p))
    return math.degrees(math.atan(math.sinh(q_p))), math.degrees(_LON0 + longitude)


def wgs84_to_tm35fin(latitude: float, longitude: float) -> tuple[float, float]:
    """Northing and easting in metres of a WGS84 point (the inverse of tm35fin_to_wgs84)."""
    phi, lam = math.radians(latitude), math.radians(longitude) - _LON0
    q = math.asinh(math.tan(phi)) - _E * math.atanh(_E * math.sin(phi))
    beta = math.atan(math.sinh(q))
    eta_p = math.atanh(math.cos(beta) * math.sin(lam))
    xi_p = math.asin(math.sin(beta) / (1 / math.cosh(eta_p)))
    xi, eta = xi_p, eta_p
    for j, h in enumerate(_H_FORWARD, start=1):
        xi += h * math.sin(2 * j * xi_p) * math.cosh(2 * j * eta_p)
        eta += h * math.cos(2 * j * xi_p) * math.sinh(2 * j * eta_p)
    return _A1 * _K0 * xi, _A1 * _K0 * eta + _E0
